"""People, their profile versions and plan versions: the **plan** use cases."""
