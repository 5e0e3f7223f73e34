/** Role dashboards: each section's figures, computed by the store's aggregations and the domain's rules. */
export { ageingBucket, ageingBuckets, daysSalesOutstanding } from './ageing';
export type { AgeingBucketId } from './ageing';
export { computeSection } from './compute-section';
export type { CountRuns, InsightContext } from './insight-context';
export { openStages, stageProbabilityBp, weightedValue, winRateBp } from './pipeline-value';
export { dashboardSections, isDashboardSection, sectionRoles, sectionsFor } from './sections';
export type { DashboardSection } from './sections';
export { entityLink } from './widgets';
export type { ChartWidget, DrillLink, FigureUnit, SectionView, StatWidget, Widget } from './widgets';
