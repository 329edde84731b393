"""Django helpers the hub and the node both use (they never import each other)."""
