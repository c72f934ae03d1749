"""make bench: resident memory of one process holding the pipeline and the gazetteer (the geolocation issue
asks model load plus gazetteer under 700 MB RSS). Not a test: it prints measured figures."""

from __future__ import annotations

import resource
import sys
import time


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main() -> int:
    start = rss_mb()
    import geowire
    from geowire.geo.gazetteer import get_gazetteer

    t = time.perf_counter()
    nlp = geowire.load()
    load_s = time.perf_counter() - t
    after_load = rss_mb()
    list(geowire.extract("Russian forces shelled the city of Kherson on Monday.", nlp))
    gaz = get_gazetteer()
    print(f"python + imports: {start:.0f} MB at start")
    print(f"pipeline with gazetteer loaded in {load_s:.1f} s: RSS {after_load:.0f} MB "
          f"({len(gaz.names)} names, {len(gaz.by_id)} places with GeoNames ids)")
    print(f"after the first document: RSS {rss_mb():.0f} MB, peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
