# Shared by the bench/*.sh harnesses that run a class of the host's test sources (sourced, not run).
lib=host/target/dbspec/lib
classes=host/target/test-classes

# The class path: the distribution's jars and the host's test classes (checked to be built).
bench_classpath() {
  if [ ! -d "$classes/dev/dbspec/host/bench" ] || [ ! -d "$lib" ]; then
    echo "build first: ./mvnw -B -q install -DskipTests" >&2
    exit 1
  fi
  # the host's own classes first: a harness runs the host as compiled, even before the distribution is rebuilt
  echo "host/target/classes:$classes:$lib/*"
}

# A temporary plugins directory with only the named plugins of the distribution (less unrelated start-up and heap), and
# h2 for the default metadata store.
bench_plugins() {
  local dir
  dir=$(mktemp -d)
  for id in h2 "$@"; do
    cp -r "host/target/dbspec/plugins/$id" "$dir/"
  done
  echo "$dir"
}
