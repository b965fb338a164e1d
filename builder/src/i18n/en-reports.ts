// English texts of the report and dashboard designers (kept apart from en.ts, which is long).
export const enReports = {
  title: 'Reports', new: 'New report', empty: 'No reports yet',
  emptyHint: 'A report counts records, calls, dials, moves or agent states, grouped and drawn as a table or a chart.',
  keyExists: 'A report with this key already exists.', tabs: 'Report views', editTab: 'Design',
  discardNeverPublished: 'This report was never published: discarding the draft deletes it.',
  json: 'Report definition (JSON)', notJson: 'This is not valid JSON: the last valid version is kept.',
  jsonHint: 'Everything the designer shows, and the rest (labels, metric parameters), as JSON.',
};

export const enReportDesigner = {
  tab: { design: 'Fields and chart', json: 'JSON' }, tabs: 'Ways to edit the report',
  dimensions: 'Group by', fields: 'Fields', metrics: 'Metric catalogue', noFields: 'Publish the object first: its fields appear here.',
  rows: 'Rows', rowsHint: 'Drag a dimension or field here to group the rows by it.',
  columns: 'Columns', columnsHint: 'Drag a dimension here to spread it across (a matrix, or a chart’s series).',
  measures: 'Measures', measuresHint: 'Drag a metric or a field here to compute it for each group.',
  builtIn: { owner: 'Agent', team: 'Team', pool: 'Pool', task: 'Outbound task', disposition: 'Call outcome', date: 'Date' },
  bucket: 'Date bucket', bucketOf: { hour: 'by hour', day: 'by day', week: 'by week', month: 'by month' },
  removeNamed: 'Remove {{name}}', operation: 'Operation', field: 'Field', metric: 'Metric', of: 'Share of', numerator: 'Numerator', denominator: 'Denominator',
  choose: 'Choose…', pickFieldFirst: 'Choose the field first.',
  op: { count: 'Count', countDistinct: 'Count distinct', sum: 'Sum', avg: 'Average', min: 'Minimum', max: 'Maximum', shareOfTotal: 'Share of total', ratio: 'Ratio', metric: 'Catalogue metric' },
  what: 'What is counted', source: 'Source', range: 'Period', allTime: 'All time', from: 'From', to: 'To', rangeField: 'Date the period applies to', defaultDate: 'The source’s own date',
  sources: { calls: 'Calls', dials: 'Outbound task dials', moves: 'Moves and changes', agentStates: 'Agent states' },
  filters: 'Conditions', condition: 'Condition', value: 'Value', addCondition: 'Add condition', removeCondition: 'Remove condition',
  filterOp: {
    eq: 'is', ne: 'is not', gt: 'is above', gte: 'is at least', lt: 'is below', lte: 'is at most', in: 'is one of', nin: 'is none of',
    contains: 'contains', startsWith: 'starts with', between: 'is between', isEmpty: 'is empty', isNotEmpty: 'is set',
  },
  order: 'Order and comparison', sortBy: 'Sort by', noSort: 'No sorting', direction: 'Direction', desc: 'Largest first', asc: 'Smallest first',
  limit: 'Most rows', compare: 'Compare with the previous period',
  visual: 'Chart', visuals: { table: 'Table', pivot: 'Matrix', bar: 'Bars', line: 'Line', area: 'Area', pie: 'Pie', funnel: 'Funnel', kpi: 'Single figure', gauge: 'Gauge' },
  chartOptions: { stacked: 'Stacked', horizontal: 'Horizontal', showValues: 'Show values', trend: 'Show the trend against the previous period' },
  preview: 'Preview on the real data', fixFirst: 'Fix the problems shown to see the preview.', period: 'Period counted: {{from}} to {{to}}',
};

export const enReportView = { none: '(none)', empty: 'Nothing counted in this period.', total: 'Total', vsPrevious: 'vs. previous period' };

export const enRanges = {
  today: 'Today', yesterday: 'Yesterday', thisWeek: 'This week', lastWeek: 'Last week', last7Days: 'Last 7 days',
  last30Days: 'Last 30 days', thisMonth: 'This month', lastMonth: 'Last month', custom: 'Custom dates',
};

export const enDashboards = {
  title: 'Dashboards', new: 'New dashboard', empty: 'No dashboards yet',
  emptyHint: 'A dashboard lays published reports out on a grid for some roles, with filters applied to all of them.',
  keyExists: 'A dashboard with this key already exists.', tabs: 'Dashboard views', editTab: 'Design',
  discardNeverPublished: 'This dashboard was never published: discarding the draft deletes it.',
};

export const enDashboardDesigner = {
  addTile: 'Add a report', chooseReport: 'Choose a published report…', noReports: 'Publish a report first.',
  removeTile: 'Remove {{name}}', grid: 'Report tiles: drag to move, drag the corner to resize',
  emptyGrid: 'Add published reports to place them on the grid.',
  settings: 'Dashboard', filters: 'Filters for every report', offerRange: 'Period', defaultRange: 'Starts at', offeredRanges: 'Periods offered',
  offerTeam: 'Team', allTeams: 'Every team', offerTask: 'Outbound task', allTasks: 'Every task', roles: 'Who sees it',
  previewWith: 'Tiles run with the filters’ starting values, as you see the data.',
  tileTitles: 'Tile titles',
  tileProblem: 'This report cannot be shown:',
};
