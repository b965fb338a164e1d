// "in 3 h 20 min": how long until a recycle rule takes a customer back, rounded down to minutes.
export function timeLeft(dueAt: string, now: number): { hours: number; minutes: number; overdue: boolean } {
	const ms = new Date(dueAt).getTime() - now;
	if (!(ms > 0)) return { hours: 0, minutes: 0, overdue: true };
	const total = Math.floor(ms / 60_000);
	return { hours: Math.floor(total / 60), minutes: total % 60, overdue: false };
}
