package entities

import "fmt"

// Kind is what a mention refers to.
type Kind int

// The kinds of mention. The zero value is Unknown.
const (
	// Unknown is a mention whose kind could not be told.
	Unknown Kind = iota
	// Person is a named individual (Park Won-gon) or a pronoun for one.
	Person
	// Organization is a company, agency, ministry, party, newspaper, or a
	// government named by its country or capital when it acts (Pyongyang
	// wants, Washington said).
	Organization
	// Place is a country, city or region used as a location.
	Place
	// Group is a plural, unnamed set of people (analysts, officials,
	// observers, critics).
	Group
	// Anonymous is an unnamed individual source (a ministry official, a
	// person familiar with the talks, sources).
	Anonymous
)

var kindNames = [...]string{"unknown", "person", "organization", "place", "group", "anonymous"}

// String returns the kind's lower-case name.
func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return fmt.Sprintf("Kind(%d)", int(k))
	}
	return kindNames[k]
}

// MarshalText encodes the kind as its name.
func (k Kind) MarshalText() ([]byte, error) {
	if k < 0 || int(k) >= len(kindNames) {
		return nil, fmt.Errorf("entities: invalid kind %d", int(k))
	}
	return []byte(kindNames[k]), nil
}

// UnmarshalText decodes a kind from its name.
func (k *Kind) UnmarshalText(b []byte) error {
	for i, n := range kindNames {
		if n == string(b) {
			*k = Kind(i)
			return nil
		}
	}
	return fmt.Errorf("entities: unknown kind %q", b)
}

// Gender is the grammatical gender a mention agrees with, used to match
// pronouns to their antecedents.
type Gender int

// The genders. Unknown gender agrees with every pronoun.
const (
	// AnyGender is a mention whose gender is not known.
	AnyGender Gender = iota
	// Male agrees with he, him and his.
	Male
	// Female agrees with she and her.
	Female
	// Neuter agrees with it and its (organizations, places).
	Neuter
)

var genderNames = [...]string{"", "male", "female", "neuter"}

// String returns the gender's lower-case name, or "" when unknown.
func (g Gender) String() string {
	if g < 0 || int(g) >= len(genderNames) {
		return fmt.Sprintf("Gender(%d)", int(g))
	}
	return genderNames[g]
}

// MarshalText encodes the gender as its name.
func (g Gender) MarshalText() ([]byte, error) { return []byte(g.String()), nil }
