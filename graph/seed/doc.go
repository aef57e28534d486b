// Package seed reads actorgraph's seed files: hand-written YAML files, one
// per source document, listing the actors a document names and the
// relationships it states, each with its evidence (who claims it, in which
// paragraph). Read validates a whole set of files at once and converts them
// to a graph.Graph ready to load into any store.
//
// Seed files are written by people, so the reader's first job is good error
// messages: it decodes through yaml.Node to know the line and column of
// every value, reports every problem in every file in one pass rather than
// stopping at the first, and gives each problem a hint. The file format is
// documented in seeds/README.md and, for editors, in
// schema/seed.schema.json.
package seed
