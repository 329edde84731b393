"""The caseworkers' pages of the register (server-rendered, localized)."""
