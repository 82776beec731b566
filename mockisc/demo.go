package mockisc

import (
	"fmt"
	"time"
)

// DemoState returns the demo tenant that the mockisc binary serves when
// started with no -tenant, -state or -generate: three sources (a flat
// file HR feed of type DelimitedFile, a direct Active Directory source and
// the authoritative Workday source), a dozen identities in different
// lifecycle and identity states, a handful of entitlements and a few
// dozen accounts, some uncorrelated, some disabled or locked, some with
// entitlements. Ids and timestamps are fixed, so it is the same on every
// call; every call returns a fresh copy.
func DemoState() State {
	at := func(day, minute int) time.Time {
		return time.Date(2024, 6, 1, 9, 0, 0, 0, time.UTC).AddDate(0, 0, day).Add(time.Duration(minute) * time.Minute)
	}
	owner := &Ref{ID: demoID(2, 1), Name: "Ada Lovelace"}
	st := State{
		Sources: []Source{
			{
				ID: demoID(1, 1), Name: "Workday", Description: "Authoritative HR system of record",
				Type: "Workday", ConnectionType: "direct", Connector: "workday", Authoritative: true,
				Features: []string{"SEARCH", "AUTHENTICATE"}, Owner: owner,
				NativeIdentityAttribute: "employeeId", NameAttribute: "displayName",
				Created: at(0, 0), Modified: at(0, 0),
			},
			{
				ID: demoID(1, 2), Name: "Active Directory", Description: "Corporate directory (direct connection)",
				Type: "Active Directory - Direct", ConnectionType: "direct", Connector: "active-directory",
				Features: []string{"ENABLE", "UNLOCK", "PROVISIONING", "PASSWORD", "SEARCH", "AUTHENTICATE"}, Owner: owner,
				NativeIdentityAttribute: "sAMAccountName", NameAttribute: "displayName",
				Created: at(0, 1), Modified: at(0, 1),
			},
			{
				ID: demoID(1, 3), Name: "Expense App (flat file)", Description: "Nightly CSV export of the expense application",
				Type: SourceTypeDelimitedFile, ConnectionType: "file", Connector: "delimited-file",
				Features: []string{"DIRECT_PERMISSIONS", "NO_RANDOM_ACCESS"},
				Created:  at(0, 2), Modified: at(0, 2),
			},
		},
	}
	people := []struct {
		name, alias, state, lcs, dept string
	}{
		{"Ada Lovelace", "ada.lovelace", "ACTIVE", "active", "Engineering"},
		{"Alan Turing", "alan.turing", "ACTIVE", "active", "Engineering"},
		{"Grace Hopper", "grace.hopper", "ACTIVE", "active", "Engineering"},
		{"Katherine Johnson", "katherine.johnson", "ACTIVE", "active", "Finance"},
		{"Edsger Dijkstra", "edsger.dijkstra", "ACTIVE", "active", "Finance"},
		{"Barbara Liskov", "barbara.liskov", "ACTIVE", "active", "Sales"},
		{"Donald Knuth", "donald.knuth", "INACTIVE_SHORT_TERM", "leave", "Research"},
		{"Margaret Hamilton", "margaret.hamilton", "INACTIVE_SHORT_TERM", "leave", "Sales"},
		{"Dennis Ritchie", "dennis.ritchie", "INACTIVE_LONG_TERM", "terminated", "Engineering"},
		{"Ken Thompson", "ken.thompson", "INACTIVE_LONG_TERM", "inactive", "Research"},
		{"Frances Allen", "frances.allen", "", "prehire", "Research"},
		{"John Backus", "john.backus", "", "", "Finance"},
	}
	for i, p := range people {
		st.Identities = append(st.Identities, Identity{
			ID: demoID(2, i+1), Name: p.name, Alias: p.alias, Email: p.alias + "@example.com",
			IdentityState: p.state, LifecycleState: p.lcs, Created: at(1, i), Modified: at(1, i),
		})
	}
	ents := []struct {
		source     int
		name, attr string
		privileged bool
	}{
		{2, "Domain Users", "memberOf", false},
		{2, "VPN Users", "memberOf", false},
		{2, "Finance Share", "memberOf", false},
		{2, "Domain Admins", "memberOf", true},
		{3, "Expense Approver", "role", false},
		{3, "Expense Auditor", "role", true},
	}
	for i, e := range ents {
		desc := e.name + " on " + st.Sources[e.source-1].Name
		value := "CN=" + e.name + ",OU=Groups,DC=example,DC=com"
		if e.source == 3 {
			value = e.name
		}
		st.Entitlements = append(st.Entitlements, Entitlement{
			ID: demoID(3, i+1), Name: e.name, Attribute: e.attr, Value: value, SourceSchemaObjectType: "group",
			Description: &desc, Privileged: e.privileged, Requestable: !e.privileged, SourceID: demoID(1, e.source),
			Created: at(2, i), Modified: at(2, i),
		})
	}
	st.Accounts = demoAccounts(st, at)
	return st
}

// demoAccounts builds the demo tenant's accounts from its identities.
func demoAccounts(st State, at func(day, minute int) time.Time) []Account {
	var out []Account
	n := 0
	add := func(a Account) {
		n++
		a.ID = demoID(4, n)
		a.Created, a.Modified = at(3, n), at(3, n)
		if a.Disabled || a.Locked {
			a.Modified = at(10, n)
		}
		a.Origin = "AGGREGATED"
		out = append(out, a)
	}
	depts := []string{"Engineering", "Engineering", "Engineering", "Finance", "Finance", "Sales", "Research", "Sales", "Engineering", "Research", "Research", "Finance"}
	// Workday: one account per identity but the one not yet on it.
	for i, id := range st.Identities[:11] {
		emp := fmt.Sprintf("E%05d", 1001+i)
		add(Account{
			Name: id.Name, NativeIdentity: emp, SourceID: demoID(1, 1), IdentityID: id.ID,
			Disabled: id.LifecycleState == "terminated",
			Attributes: map[string]any{
				"employeeId": emp, "displayName": id.Name, "email": id.Email,
				"department": depts[i], "lifecycleState": id.LifecycleState,
			},
		})
	}
	// Active Directory: the first nine identities, then service accounts.
	for i, id := range st.Identities[:9] {
		ents := []string{demoID(3, 1)}
		switch depts[i] {
		case "Engineering":
			ents = append(ents, demoID(3, 2))
		case "Finance":
			ents = append(ents, demoID(3, 3))
		}
		if i == 0 {
			ents = append(ents, demoID(3, 4))
		}
		add(Account{
			Name: id.Name, NativeIdentity: id.Alias, SourceID: demoID(1, 2), IdentityID: id.ID,
			Disabled: id.IdentityState == "INACTIVE_LONG_TERM", Locked: i == 5, Entitlements: ents,
			Attributes: map[string]any{
				"sAMAccountName": id.Alias, "displayName": id.Name, "mail": id.Email,
				"distinguishedName": "CN=" + id.Name + ",OU=People,DC=example,DC=com",
				"memberOf":          demoGroups(ents),
			},
		})
	}
	desc := "Runs the nightly backup"
	add(Account{
		Name: "svc-backup", NativeIdentity: "svc-backup", SourceID: demoID(1, 2), IsMachine: true,
		Description: &desc, OwnerIdentity: &Ref{ID: st.Identities[1].ID, Name: st.Identities[1].Name},
		Recommendation: &Recommendation{Type: "MACHINE", Method: "DISCOVERY"}, Entitlements: []string{demoID(3, 1)},
		Attributes: map[string]any{"sAMAccountName": "svc-backup", "displayName": "svc-backup", "memberOf": demoGroups([]string{demoID(3, 1)})},
	})
	add(Account{
		Name: "svc-reporting", NativeIdentity: "svc-reporting", SourceID: demoID(1, 2), IsMachine: true, Locked: true,
		Attributes: map[string]any{"sAMAccountName": "svc-reporting", "displayName": "svc-reporting"},
	})
	add(Account{
		Name: "Old Contractor", NativeIdentity: "old.contractor", SourceID: demoID(1, 2), Disabled: true,
		Attributes: map[string]any{"sAMAccountName": "old.contractor", "displayName": "Old Contractor", "mail": "old.contractor@example.com"},
	})
	add(Account{
		Name: "Test User", NativeIdentity: "test.user", SourceID: demoID(1, 2), SystemAccount: true,
		Attributes: map[string]any{"sAMAccountName": "test.user", "displayName": "Test User"},
	})
	// The expense app: a flat file, some rows correlated, some not.
	for _, i := range []int{0, 3, 4, 5, 7, 11} {
		id := st.Identities[i]
		acct := Account{
			Name: id.Name, NativeIdentity: id.Alias, SourceID: demoID(1, 3), IdentityID: id.ID,
			Attributes: map[string]any{"userName": id.Alias, "displayName": id.Name, "costCenter": fmt.Sprintf("CC-%d", 100+i)},
		}
		switch i {
		case 3:
			acct.Entitlements = []string{demoID(3, 5), demoID(3, 6)}
			acct.Attributes["role"] = []any{"Expense Approver", "Expense Auditor"}
		case 4:
			acct.Entitlements = []string{demoID(3, 5)}
			acct.Attributes["role"] = []any{"Expense Approver"}
		case 7:
			acct.Disabled = true
		}
		add(acct)
	}
	for _, u := range []string{"jsmith", "mwilliams", "temp.visitor"} {
		add(Account{
			Name: u, NativeIdentity: u, SourceID: demoID(1, 3), Disabled: u == "temp.visitor",
			Attributes: map[string]any{"userName": u, "displayName": u, "costCenter": "CC-999"},
		})
	}
	return out
}

// demoGroups is the memberOf attribute for a list of AD entitlement ids.
func demoGroups(ids []string) []any {
	names := map[string]string{
		demoID(3, 1): "Domain Users", demoID(3, 2): "VPN Users", demoID(3, 3): "Finance Share", demoID(3, 4): "Domain Admins",
	}
	out := make([]any, 0, len(ids))
	for _, id := range ids {
		out = append(out, "CN="+names[id]+",OU=Groups,DC=example,DC=com")
	}
	return out
}

// demoID makes a fixed 32-hex-digit id for the demo tenant: kind 1 is a
// source, 2 an identity, 3 an entitlement, 4 an account.
func demoID(kind, n int) string { return fmt.Sprintf("2c9180%02x%024x", 0x80+kind, n) }
