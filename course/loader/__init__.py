"""Reading the content: YAML with line numbers, every file validated and cross-checked
(store), what each lesson shows and cites (lesson_index), and which files a build
kernel read (reads), for the cache."""
