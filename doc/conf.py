# Sphinx configuration of the web-proxy manual.
#
# Minimal on purpose: it builds with Debian's python3-sphinx (5.3) and no extension beyond
# Sphinx itself. Check it with scripts/check-docs.sh (warnings are errors).

project = "web-proxy"
author = "the web-proxy authors"
copyright = "the web-proxy authors"

root_doc = "index"
master_doc = "index"  # Sphinx < 4 name of root_doc

extensions = []
source_suffix = {".rst": "restructuredtext"}
exclude_patterns = ["_build"]

highlight_language = "c++"
pygments_style = "sphinx"

html_theme = "alabaster"
html_title = "web-proxy: distributed web proxy systems for ns-3"
html_static_path = []
