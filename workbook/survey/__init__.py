"""The statistics return (《基层工会调查表》) beyond its sheets: its logic checks (逻辑检查) and
the links from each figure to the records behind it."""
