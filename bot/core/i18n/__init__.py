"""Korean and Hindi: translations as data over the English fact base, read by script."""
