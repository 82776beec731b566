package mockisc

import (
	"strconv"
	"time"
)

// CorrelationRule is one entry of a source's correlation configuration
// (Source.Correlation): an account attribute whose value must equal an
// identity attribute's for the account to be correlated to the identity.
type CorrelationRule struct {
	// AccountAttribute names the account attribute, e.g. "email" or
	// "employeeId".
	AccountAttribute string `json:"accountAttribute"`
	// IdentityAttribute names the identity attribute: "email" (Email),
	// "name" or "displayName" (Name), "alias" or "uid" (Alias),
	// "firstname", "lastname", "id", or any key of Identity.Attributes,
	// e.g. "employeeNumber".
	IdentityAttribute string `json:"identityAttribute"`
}

// correlator matches accounts to identities by a source's correlation
// rules, over an index of the identities built once per run.
type correlator struct {
	rules []CorrelationRule
	// index holds, per rule, the identities by their attribute value; two
	// ids are enough to know a value is ambiguous.
	index []map[string][]string
}

// newCorrelator indexes t's identities for src's rules; nil when src has
// none.
func newCorrelator(t *tenant, src *Source) *correlator {
	if len(src.Correlation) == 0 {
		return nil
	}
	c := &correlator{rules: src.Correlation, index: make([]map[string][]string, len(src.Correlation))}
	for i, r := range src.Correlation {
		m := map[string][]string{}
		for _, id := range t.identityOrder {
			v := identityValue(t.identities[id], r.IdentityAttribute)
			if v == "" {
				continue
			}
			if ids := m[v]; len(ids) < 2 {
				m[v] = append(ids, id)
			}
		}
		c.index[i] = m
	}
	return c
}

// match returns the identity an account with attrs correlates to, or "".
// The rules are tried in order: a rule whose account attribute is empty
// or matches no identity passes to the next; one that matches exactly
// one identity correlates to it; one that matches two or more is
// ambiguous and correlates nothing.
func (c *correlator) match(attrs map[string]any) string {
	if c == nil {
		return ""
	}
	for i, r := range c.rules {
		v := scalarText(attrs[r.AccountAttribute])
		if v == "" {
			continue
		}
		switch ids := c.index[i][v]; len(ids) {
		case 0:
			continue
		case 1:
			return ids[0]
		default:
			return ""
		}
	}
	return ""
}

// identityValue is the value of an identity attribute as correlation
// compares it.
func identityValue(id *Identity, attr string) string {
	switch attr {
	case "email":
		return id.Email
	case "name", "displayName":
		return id.Name
	case "alias", "uid":
		return id.Alias
	case "firstname":
		return id.FirstName
	case "lastname":
		return id.LastName
	case "id":
		return id.ID
	}
	return scalarText(id.Attributes[attr])
}

// scalarText is a JSON scalar as text ("" for null, objects and arrays),
// so that a number attribute matches its digits in a CSV file.
func scalarText(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case int:
		return strconv.Itoa(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case bool:
		return strconv.FormatBool(v)
	}
	return ""
}

// correlate correlates a, an uncorrelated account, to identityID: the
// correlation is automatic (manuallyCorrelated false). Caller holds s.mu.
func (s *Server) correlate(a *account, identityID string, now time.Time) {
	a.ManuallyCorrelated = false
	a.Modified = now
	s.ten.setIdentity(a, identityID)
}

// correlateSource runs src's correlation over its uncorrelated accounts
// and returns how many it correlated and how many stay uncorrelated.
// Correlated accounts, manually or not, keep their identity. Caller holds
// s.mu.
func (s *Server) correlateSource(src *Source, now time.Time) (correlated, uncorrelated int) {
	c := newCorrelator(s.ten, src)
	for _, a := range s.ten.order {
		if a.SourceID != src.ID || a.IdentityID != "" {
			continue
		}
		if id := c.match(a.attributes()); id != "" {
			s.correlate(a, id, now)
			correlated++
		} else {
			uncorrelated++
		}
	}
	return correlated, uncorrelated
}
