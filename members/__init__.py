"""Member organisations and (later) their users, roles and service status."""
