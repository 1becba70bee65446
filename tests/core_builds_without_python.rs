//! The core is a plain Rust library: this test links it with no Python anywhere.

#[test]
fn version_is_the_package_version() {
    assert_eq!(namedrop::VERSION, env!("CARGO_PKG_VERSION"));
}

#[test]
fn errors_carry_kind_and_location() {
    let err = namedrop::Error::gazetteer("alias is empty").at("g.tsv", Some(4));
    assert_eq!(err.kind(), namedrop::ErrorKind::Gazetteer);
    assert_eq!(err.to_string(), "g.tsv:4: alias is empty");
}
