// # Aggregation
//
// The flow a sync tool runs against a flat file source is served in every
// version but v3: upload a CSV (POST /sources/{id}/load-accounts,
// multipart/form-data with the part "file" and optionally
// disableOptimization), poll until the aggregation is done (GET
// /account-aggregations/{id}/status with the task id of the answer, or
// the task in /task-status), then read the accounts (filters=sourceId eq
// "…" and nativeIdentity eq "…"). The file is checked whole when it
// arrives (a 400 names the row and column of what is wrong, and nothing
// changes) and the answer is 202 LoadAccountsTask; the aggregation then
// runs as a task on the server clock:
//
//   - With no task delay (the default) it completes before the answer.
//   - With WithTaskDelay(d) (or SetTaskDelay) it is STARTED for d/2, then
//     ACCOUNTS_COLLECTED, its totalAccounts (the NEW, CHANGED and DELETED
//     accounts) known and its processedAccounts rising in step with the
//     clock, until d, when its changes land and it is COMPLETED. Its
//     TaskStatus is pending (completionStatus null, found by
//     "completionStatus isnull" from v2025 on) until then.
//   - Clock().Advance holds it in any phase or moves it on; CompleteTasks
//     and the admin API's tasks/complete finish it at once.
//   - A fault rule's taskError ends it TERMINATED (its task ERROR, with
//     the rule's message) with no change to the tenant.
//
// When it completes, a new row creates an account (origin AGGREGATED), a
// changed row replaces its account's attributes and name (and modified),
// an unchanged row touches nothing, and the accounts of the source
// missing from the file are removed (a full aggregation), unless that is
// more than the source's delete threshold allows. New accounts, and
// changed ones without an identity, are correlated by the source's
// Correlation rules: an account attribute equal to an identity attribute
// of exactly one identity. POST /sources/{id}/load-uncorrelated-accounts
// runs those rules over the source's uncorrelated accounts, and POST
// /sources/{id}/remove-accounts removes every account of the source; both
// are tasks too. Seed the rules through Go (Source.Correlation), a state
// file or a scenario's tenant:
//
//	{"id": "s1", "name": "Payroll", "nativeIdentityAttribute": "employeeId",
//	 "correlation": [{"accountAttribute": "email", "identityAttribute": "email"},
//	                 {"accountAttribute": "employeeId", "identityAttribute": "employeeNumber"}]}
//
// The choices made where ISC documents nothing are listed under
// "Behaviour where ISC documents nothing", the departures from ISC under
// "Deviations from ISC".
package mockisc
