"""Discord extensions, one package per feature: `<area>/<feature>/` with a private `_cog`."""
