import { api } from '../api/api-client';
import type { DashboardSection } from '../../../domain/insight/sections';
import type { SectionView } from '../../../domain/insight/widgets';

export type { DashboardSection } from '../../../domain/insight/sections';
export type {
  ChartWidget,
  FigureUnit,
  SectionView,
  StatWidget,
  Widget,
} from '../../../domain/insight/widgets';

/** The sections the signed-in user's roles see, in page order. */
export async function loadSections(): Promise<DashboardSection[]> {
  return (await api<{ sections: DashboardSection[] }>('/api/dashboards')).sections;
}

/** One section's figures, computed by the server. */
export function loadSection(section: DashboardSection): Promise<SectionView> {
  return api<SectionView>(`/api/dashboards/${section}`);
}
