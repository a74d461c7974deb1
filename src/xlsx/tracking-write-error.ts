/** A tracking copy that could not be written; the message (French) says why, and that nothing was written. */
export class TrackingWriteError extends Error {}
