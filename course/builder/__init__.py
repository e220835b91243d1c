"""The build: execute lessons once (with a cache), export site pages and slide decks, publish."""
