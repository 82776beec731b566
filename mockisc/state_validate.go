package mockisc

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// The checks below fill defaults into the object they check and refuse
// what ISC would not hold. Each names the element at fault by path.

func (s *Server) checkSource(t *tenant, src *Source, path string) error {
	if src.ID == "" {
		src.ID = s.ids.ID()
	}
	if t.sources[src.ID] != nil {
		return exists(path+".id", "source %q already exists", src.ID)
	}
	return s.checkSourceFields(t, src, path)
}

// checkSourceFields checks and completes a source's fields other than
// its id.
func (s *Server) checkSourceFields(t *tenant, src *Source, path string) error {
	if src.Name == "" {
		return invalid(path+".name", "is required")
	}
	if src.Type == "" && src.ConnectionType == "" {
		src.Type, src.ConnectionType, src.Connector = SourceTypeDelimitedFile, "file", "delimited-file"
	}
	if src.ConnectionType == "" {
		src.ConnectionType = "direct"
		if src.Type == SourceTypeDelimitedFile {
			src.ConnectionType = "file"
		}
	}
	if src.ConnectionType != "file" && src.ConnectionType != "direct" {
		return invalid(path+".connectionType", "%q is not file or direct", src.ConnectionType)
	}
	if d := src.DeleteThreshold; d != nil && (*d < 0 || *d > 100) {
		return invalid(path+".deleteThreshold", "%d is not between 0 and 100", *d)
	}
	for i, r := range src.Correlation {
		at := fmt.Sprintf("%s.correlation[%d]", path, i)
		if r.AccountAttribute == "" {
			return invalid(at+".accountAttribute", "is required")
		}
		if r.IdentityAttribute == "" {
			return invalid(at+".identityAttribute", "is required")
		}
	}
	if src.Owner != nil && src.Owner.Name == "" {
		if id := t.identities[src.Owner.ID]; id != nil {
			src.Owner.Name = id.Name
		}
	}
	s.stamp(&src.Created, &src.Modified)
	return nil
}

var (
	identityStates   = []string{"", "ACTIVE", "INACTIVE_SHORT_TERM", "INACTIVE_LONG_TERM"}
	identityStatuses = []string{"UNREGISTERED", "REGISTERED", "PENDING", "WARNING", "DISABLED", "ACTIVE", "DEACTIVATED", "TERMINATED", "ERROR", "LOCKED"}
	processingStates = []string{"", "OK", "ERROR"}
)

func (s *Server) checkIdentity(t *tenant, id *Identity, path string) error {
	if id.ID == "" {
		id.ID = s.ids.ID()
	}
	if t.identities[id.ID] != nil {
		return exists(path+".id", "identity %q already exists", id.ID)
	}
	if err := checkIdentityFields(id, path); err != nil {
		return err
	}
	s.stamp(&id.Created, &id.Modified)
	return nil
}

func checkIdentityFields(id *Identity, path string) error {
	if id.Name == "" {
		return invalid(path+".name", "is required")
	}
	if !slices.Contains(identityStates, id.IdentityState) {
		return invalid(path+".identityState", "%q is not ACTIVE, INACTIVE_SHORT_TERM or INACTIVE_LONG_TERM", id.IdentityState)
	}
	if id.Status != "" && !slices.Contains(identityStatuses, id.Status) {
		return invalid(path+".status", "%q is not one of %s", id.Status, strings.Join(identityStatuses, ", "))
	}
	if !slices.Contains(processingStates, id.ProcessingState) {
		return invalid(path+".processingState", "%q is not OK or ERROR", id.ProcessingState)
	}
	return nil
}

func (s *Server) checkEntitlement(t *tenant, e *Entitlement, path string) error {
	if e.ID == "" {
		e.ID = s.ids.ID()
	}
	if t.ents[e.ID] != nil {
		return exists(path+".id", "entitlement %q already exists", e.ID)
	}
	return s.checkEntitlementFields(t, e, path)
}

// checkEntitlementFields checks and completes an entitlement's fields
// other than its id.
func (s *Server) checkEntitlementFields(t *tenant, e *Entitlement, path string) error {
	if e.Name == "" {
		return invalid(path+".name", "is required")
	}
	if t.sources[e.SourceID] == nil {
		return invalid(path+".sourceId", "source %q not found", e.SourceID)
	}
	if e.Attribute == "" {
		e.Attribute = "memberOf"
	}
	if e.Value == "" {
		e.Value = e.Name
	}
	if e.SourceSchemaObjectType == "" {
		e.SourceSchemaObjectType = "group"
	}
	s.stamp(&e.Created, &e.Modified)
	return nil
}

var (
	origins         = []string{"", "AGGREGATED", "PROVISIONED"}
	recommendTypes  = []string{"HUMAN", "MACHINE"}
	recommendMethod = []string{"DISCOVERY", "SOURCE", "CRITERIA"}
)

func (s *Server) checkAccount(t *tenant, a *Account, path string) error {
	if a.ID == "" {
		a.ID = s.ids.ID()
	}
	if t.accounts[a.ID] != nil {
		return exists(path+".id", "account %q already exists", a.ID)
	}
	if t.sources[a.SourceID] == nil {
		return invalid(path+".sourceId", "source %q not found", a.SourceID)
	}
	if a.NativeIdentity == "" {
		a.NativeIdentity = a.Name
	}
	if a.NativeIdentity == "" {
		return invalid(path+".nativeIdentity", "is required (or a name to take it from)")
	}
	if a.Name == "" {
		a.Name = a.NativeIdentity
	}
	if other := t.native(a.SourceID, a.NativeIdentity); other != nil {
		return exists(path+".nativeIdentity", "account %q already has native identity %q on source %q", other.ID, a.NativeIdentity, a.SourceID)
	}
	if a.IdentityID != "" && t.identities[a.IdentityID] == nil {
		return invalid(path+".identityId", "identity %q not found", a.IdentityID)
	}
	for i, e := range a.Entitlements {
		if t.ents[e] == nil {
			return invalid(fmt.Sprintf("%s.entitlements[%d]", path, i), "entitlement %q not found", e)
		}
	}
	if !slices.Contains(origins, a.Origin) {
		return invalid(path+".origin", "%q is not AGGREGATED or PROVISIONED", a.Origin)
	}
	if r := a.Recommendation; r != nil {
		if !slices.Contains(recommendTypes, r.Type) {
			return invalid(path+".recommendation.type", "%q is not HUMAN or MACHINE", r.Type)
		}
		if !slices.Contains(recommendMethod, r.Method) {
			return invalid(path+".recommendation.method", "%q is not DISCOVERY, SOURCE or CRITERIA", r.Method)
		}
	}
	if a.Attributes == nil {
		a.Attributes = map[string]any{}
	}
	s.stamp(&a.Created, &a.Modified)
	return nil
}

// stamp fills zero creation and modification times from the clock.
func (s *Server) stamp(created, modified *time.Time) {
	if created.IsZero() {
		*created = s.now()
	}
	if modified.IsZero() || modified.Before(*created) {
		*modified = *created
	}
}
