module github.com/whosaid/whosaid

go 1.25

require (
	github.com/davecgh/go-spew v1.1.1 // indirect
	github.com/jdkato/prose/v3 v3.2.3 // indirect
	github.com/pmezard/go-difflib v1.0.0 // indirect
	github.com/stretchr/testify v1.11.1 // indirect
	gopkg.in/neurosnap/sentences.v1 v1.0.6 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)
