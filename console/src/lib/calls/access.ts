// Which call lists and recordings the console offers (the server checks every request again).
import { canReview } from '$lib/ownership/roles';

/** "All calls" is for supervisors: people whose data scope reaches beyond their own. */
export const seesAllCalls = () => canReview();

/**
 * Placeholder hook until roles carry a recording permission: supervisors and admins may listen. The runtime
 * decides for real when it serves the recording.
 */
export const mayPlayRecordings = () => canReview();
