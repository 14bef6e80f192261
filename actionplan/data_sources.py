"""The data sources a milestone is tracked with: the roadmap's list, so both tools speak alike."""

from roadmap.data_sources import DATA_SOURCES


def data_source_labels(keys) -> list[str]:
    labels = {key: label for key, label, _kind in DATA_SOURCES}
    return [str(labels.get(key, key)) for key in keys]
