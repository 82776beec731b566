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
// # Behaviour where ISC documents nothing: aggregation
//
//   - load-accounts reads the CSV of the multipart part "file" (or, in
//     beta, the file field of a urlencoded form; a name sent twice is a
//     400): a header row naming the attributes (trimmed; none empty, none
//     twice), then one account per row, its nativeIdentity and name taken
//     as account create takes them. Values are strings; an empty cell
//     leaves the attribute out. A file it cannot read whole is a 400
//     naming the row (the header is row 1), line and column, and nothing
//     changes. So is an empty file (no bytes, a byte order mark or blanks
//     only, or a header alone): rows missing from a file remove their
//     accounts, so it would wipe the source, which ISC's delete threshold
//     exists to prevent; remove-accounts is the way to empty a source.
//     The body cap applies (WithMaxBodyBytes, -max-body-bytes; 1 MiB by
//     default, some 15,000 short rows).
//   - A row is changed when its account's name or attributes differ (the
//     same keys, each the same string); it then replaces them all and sets
//     modified, keeping origin. disableOptimization "true" processes every
//     existing row as changed.
//   - Delete threshold: when more than DeleteThreshold percent (10 unless
//     set) of a source's accounts are missing from a file, none is
//     deleted, the rest of the aggregation applies and its task ends
//     WARNING (SailPoint: "If the deletions exceed this value, no
//     accounts will be deleted"). Sources of 10 accounts or fewer, which
//     SailPoint's documentation singles out, are not protected.
//   - An aggregation is counted when submitted (the totals it shows while
//     ACCOUNTS_COLLECTED) and applied to the tenant as it is when due;
//     COMPLETED shows what it did. The counts appear only while
//     ACCOUNTS_COLLECTED and once COMPLETED (beta: totalAccounts and
//     processedAccounts only); deletedAccounts is 0 until completion;
//     totalIdentities counts the distinct identities of the new, changed
//     and deleted accounts. A second aggregation of a source while one is
//     pending fails at once (success false, ERROR, TERMINATED) with the
//     message of ISC's LoadAccountsTask example.
//   - The aggregation id is its task's id. Its status is served for one
//     hour of server time after completion, then 404. Its TaskStatus is a
//     QUARTZ task "Cloud Account Aggregation" (as LoadAccountsTask's
//     example), progress "Started" then "Accounts collected: n of m
//     processed", attributes appId, sourceId, optimizedAggregation and,
//     once complete, the counts its returns name (total, optimized for
//     unchanged, created, updated, deleted) and correlated.
//   - The task list's type filter matches a task's TaskStatus.type or,
//     for a source task, its definition type from the v2025 filter's
//     "Possible Values": CLOUD_ACCOUNT_AGGREGATION,
//     CLOUD_PROCESS_UNCORRELATED_ACCOUNTS, ACCOUNT_DELETION
//     (remove-accounts).
//   - Correlation (Source.Correlation): the rules are tried in order; a
//     rule whose account attribute is empty or matches no identity passes
//     to the next, one matching exactly one identity correlates
//     (manuallyCorrelated false, modified now), one matching two or more
//     leaves the account uncorrelated. Values compare exactly (case too;
//     numbers by their text). Identity attributes: email, name
//     (displayName), alias (uid), firstname, lastname, id, else a key of
//     Identity.Attributes. Aggregation correlates new accounts and
//     changed ones without an identity; correlated accounts, manually or
//     not, keep theirs. load-uncorrelated-accounts applies the rules to
//     every uncorrelated account of the source, on any source type, as a
//     QUARTZ task "Cloud Process Uncorrelated Accounts".
//   - remove-accounts works on any source type, as a task ("Remove
//     Accounts") that removes the accounts the source holds when it
//     completes.
//   - beta's aggregation status has no security of its own, so its
//     document's (sp:scopes:all) applies; later versions take any user
//     token, their security naming no scope.
//
// # Deviations from ISC: aggregation
//
//   - No connectors: aggregation reads CSV files into DelimitedFile
//     sources only, and creates no identities, whatever the source's
//     Authoritative flag (there are no identity profiles). Correlation is
//     attribute matching only (no correlation rules).
//   - load-accounts on a source of another type is refused (400): ISC
//     would aggregate from the source's connector, and there is none.
//     Every CSV column becomes an attribute (ISC keeps those of the
//     source's account schema); no column has a meaning of its own
//     (IIQDisabled, multi-valued or entitlement columns are plain text).
//   - load-uncorrelated-accounts re-runs the source's correlation and does
//     not read the file ISC's spec says it takes (ISC does not document
//     its format).
package mockisc
