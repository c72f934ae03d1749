"""Actor recognition and resolution: states, regions, organizations, groups, sectors and people."""
