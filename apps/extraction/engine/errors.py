class EngineInputError(ValueError):
    """The text cannot be extracted from (empty, binary, no sentences). The message is for editors."""
