"""Commands for server managers and configured admins."""
