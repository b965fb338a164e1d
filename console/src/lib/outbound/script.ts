// The task's script (话术) is Markdown from the designer, filled on the server. The console shows the small part
// the designer offers (headings, lists, bold) and escapes everything first, so list data can never become markup.
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const inline = (s: string) => escape(s).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>');

export function scriptHtml(markdown: string): string {
	const out: string[] = [];
	let list = false;
	for (const line of markdown.split('\n')) {
		const item = /^\s*[-*]\s+(.*)$/.exec(line);
		if (!item && list) (out.push('</ul>'), (list = false));
		const heading = /^#{1,6}\s+(.*)$/.exec(line);
		if (heading) out.push(`<h4>${inline(heading[1]!)}</h4>`);
		else if (item) {
			if (!list) (out.push('<ul>'), (list = true));
			out.push(`<li>${inline(item[1]!)}</li>`);
		} else if (line.trim()) out.push(`<p>${inline(line)}</p>`);
	}
	if (list) out.push('</ul>');
	return out.join('');
}
