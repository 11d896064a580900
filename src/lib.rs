//! Invite Guard's browser side: the platform facade, the content script, and the extension pages.
