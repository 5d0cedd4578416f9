"""The spine's widgets: app start and base class, the form base, shared inputs and panels."""
