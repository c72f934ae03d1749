"""The one chart palette: quad-class names and colours, and the colours of net cooperation and conflict,
shared by the dashboard's SVG (`web/svg.py`) and the matplotlib plots (`relations/plots.py`)."""

__all__ = ["QUAD_NAMES", "QUAD_COLORS", "TONE_COLORS", "NODE_FILLS"]

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
QUAD_COLORS = {1: "#8fc99a", 2: "#2e7d32", 3: "#f0a0a0", 4: "#c62828"}
# an edge or a series by its net tone: more cooperation, more conflict, balanced
TONE_COLORS = {"coop": "#2e7d32", "conflict": "#c62828", "mixed": "#7a7a7a"}
NODE_FILLS = {"coop": "#d9efdc", "conflict": "#f7d9d9", "mixed": "#e6e6e6"}
