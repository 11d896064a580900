// The invitation API endpoints the background watches with webRequest (docs/linkedin.md §3, §15).
// Kept here, not in Rust, because Chrome's service worker must register its listeners synchronously,
// before the Wasm has loaded (docs/browsers.md §1). core/src/invite_api.rs holds the same table and
// a test
// there keeps the two in step.
export const INVITE_URL_PATTERNS = [
  "https://www.linkedin.com/voyager/api/voyagerRelationshipsDashMemberRelationships*",
  "https://www.linkedin.com/voyager/api/growth/normInvitations*",
];
