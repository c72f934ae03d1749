"""Geolocation: place names to GeoNames places, and each event to where it happened (`geowire_places`)."""
