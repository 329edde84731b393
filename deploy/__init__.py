"""Running the product: the local federation used by the demo and the end-to-end tests, and
the production process definitions and examples beside this package."""
