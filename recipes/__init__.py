"""The shipped YAML recipes, as package data: ``importlib.resources.files("drqa.recipes")``."""
