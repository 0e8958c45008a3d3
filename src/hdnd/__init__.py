"""hdnd."""
