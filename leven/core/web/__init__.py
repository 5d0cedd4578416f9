"""The spine's server: ``leven serve`` (Voila plus our routes), the CLI, our own pages."""
