package jsonpatch

// accountDoc is a typical ISC v3 account of a flat file source, as the server
// renders it.
const accountDoc = `{"id":"2c9180835d2e5168015d32f890ca1581","name":"aaron.nichols","created":"2021-09-28T02:15:44.644Z","modified":"2021-09-28T02:15:44.644Z","sourceId":"2c9180835d2e5168015d32f890ca1582","sourceName":"Employees","identityId":"2c9180835d2e5168015d32f890ca1583","cloudLifecycleState":"active","identityState":"ACTIVE","connectionType":"file","isMachine":false,"recommendation":null,"attributes":{"firstName":"Aaron","lastName":"Nichols","displayName":"Aaron Nichols","email":"aaron.nichols@example.com","department":"Engineering","title":"Engineer","groups":["eng","all"]},"authoritative":false,"description":null,"disabled":false,"locked":false,"nativeIdentity":"552775","systemAccount":false,"uncorrelated":false,"uuid":"{b0dce506-d6d4-44d2-8a32-d9a5b21fb175}","manuallyCorrelated":false,"hasEntitlements":true,"identity":{"id":"2c9180835d2e5168015d32f890ca1583","type":"IDENTITY","name":"Aaron Nichols"},"sourceOwner":{"id":"2c9180835d2e5168015d32f890ca1584","type":"IDENTITY","name":"Source Owner"},"features":"ENABLE","origin":"AGGREGATED","ownerIdentity":null}`

// accountPatch is a typical 3-operation account patch: guard the current
// correlation, reassign, and fix a flat file attribute.
const accountPatch = `[{"op":"test","path":"/identityId","value":"2c9180835d2e5168015d32f890ca1583"},{"op":"replace","path":"/identityId","value":"2c9180857725c14301772a93bb77242d"},{"op":"replace","path":"/attributes/title","value":"Senior Engineer"}]`
