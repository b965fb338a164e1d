export { METRICS, metricParams, metricSpec, metricStages, type MetricParamSpec, type MetricParams, type MetricSource, type MetricSpec, type MetricUnit } from './catalogue.js';
