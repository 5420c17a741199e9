"""Page data shared by the web pages, their ``/api`` twins and the CLI's Today."""
