import { entityCollection } from '../entities';
import { groupTotals, maxGroups, total } from './group-totals';
import type { InsightContext } from './insight-context';
import { entityLink, type Widget } from './widgets';

/** Purchase orders still to be received in full. */
const openPurchaseStatuses = ['approved', 'sent', 'partiallyReceived'];
/** Orders not yet shipped or ended: the ones a credit hold stops. */
const activeOrderStatuses = ['draft', 'confirmed', 'partiallyShipped'];
/** Shipments not yet out of the door. */
const waitingShipmentStatuses = ['draft', 'ready'];
/** Suppliers shown in the open purchase orders chart, most orders first. */
const topSuppliers = 10;

/**
 * The operations and procurement section: stock below its reorder point (the stock item's own, else
 * its product's), open purchase orders by supplier, three-way-match exceptions (disputed supplier
 * invoices), orders on credit hold and shipments waiting.
 */
export async function operationsSection({ db, currency }: InsightContext): Promise<Widget[]> {
  const [belowReorder, poCounts, disputed, holdCount, holdValue, shipments] = await Promise.all([
    stockBelowReorderPoint(db),
    groupTotals(
      db,
      'purchaseOrder',
      { status: { $in: openPurchaseStatuses } },
      { supplierId: 'supplierId' },
      'count',
    ),
    total(db, 'supplierInvoice', { status: 'disputed' }, 'count'),
    total(db, 'salesOrder', { creditHold: true, status: { $in: activeOrderStatuses } }, 'count'),
    total(db, 'salesOrder', { creditHold: true, status: { $in: activeOrderStatuses }, currency }, 'total'),
    total(db, 'shipment', { status: { $in: waitingShipmentStatuses } }, 'count'),
  ]);
  const top = poCounts
    .filter((group) => typeof group.key.supplierId === 'string')
    .sort((a, b) => b.value - a.value || String(a.key.supplierId).localeCompare(String(b.key.supplierId)))
    .slice(0, topSuppliers);
  const supplierIds = top.map((group) => String(group.key.supplierId));
  // The join is done here, by id, for the few suppliers shown: the store has no $lookup to lean on.
  const suppliers = await entityCollection(db, 'supplier')
    .find({ _id: { $in: supplierIds } }, { projection: { name: 1 } })
    .toArray();
  const nameOf = (id: string) => {
    const name = suppliers.find((supplier) => supplier._id === id)?.name;
    return typeof name === 'string' ? name : id;
  };
  return [
    {
      kind: 'stat',
      id: 'belowReorderPoint',
      title: 'Stock below reorder point',
      unit: 'count',
      value: belowReorder,
      note: 'Stock items whose available quantity is below their reorder point; the list shows the lowest first',
      link: entityLink('stockItem', { sort: 'available' }),
    },
    {
      kind: 'chart',
      id: 'openPurchaseOrders',
      title: 'Open purchase orders by supplier',
      chart: 'bar',
      unit: 'count',
      categories: supplierIds.map(nameOf),
      series: [{ name: 'Open orders', values: top.map((group) => group.value) }],
      links: supplierIds.map((supplierId) =>
        entityLink('purchaseOrder', { supplierId, 'status[in]': openPurchaseStatuses.join(',') }),
      ),
      note: `Approved, sent and partially received; the ${topSuppliers} suppliers with most`,
    },
    {
      kind: 'stat',
      id: 'matchExceptions',
      title: 'Three-way-match exceptions',
      unit: 'count',
      value: disputed,
      note: 'Supplier invoices disputed against their order and receipts',
      link: entityLink('supplierInvoice', { status: 'disputed' }),
    },
    {
      kind: 'stat',
      id: 'creditHold',
      title: 'Orders on credit hold',
      unit: 'count',
      value: holdCount,
      secondary: { label: 'value', unit: 'money', value: holdValue },
      link: entityLink('salesOrder', { creditHold: 'true', 'status[in]': activeOrderStatuses.join(',') }),
    },
    {
      kind: 'stat',
      id: 'shipmentsWaiting',
      title: 'Shipments waiting',
      unit: 'count',
      value: shipments,
      link: entityLink('shipment', { 'status[in]': waitingShipmentStatuses.join(',') }),
    },
  ];
}

/**
 * Stock items below their reorder point. The store cannot compare two fields (no `$expr` on
 * FerretDB v1), so it returns only the candidates, items below the highest reorder point there is,
 * and the comparison with each item's own point is made here.
 */
async function stockBelowReorderPoint(db: InsightContext['db']): Promise<number> {
  const [itemPoints, productPoints] = await Promise.all([
    groupTotals(db, 'stockItem', { reorderPoint: { $gt: 0 } }, { point: 'reorderPoint' }, 'count'),
    groupTotals(db, 'product', { reorderPoint: { $gt: 0 } }, { point: 'reorderPoint' }, 'count'),
  ]);
  const highest = Math.max(0, ...[...itemPoints, ...productPoints].map((group) => Number(group.key.point)));
  if (highest === 0) return 0;
  const candidates = await groupTotals(
    db,
    'stockItem',
    { available: { $lt: highest } },
    { productId: 'productId', available: 'available', point: 'reorderPoint' },
    'count',
  );
  const productIds = [
    ...new Set(candidates.filter((c) => c.key.point === null).map((c) => String(c.key.productId))),
  ];
  const products = await entityCollection(db, 'product')
    .find({ _id: { $in: productIds.slice(0, maxGroups) } }, { projection: { reorderPoint: 1 } })
    .toArray();
  const productPoint = new Map(products.map((p) => [p._id, Number(p.reorderPoint ?? 0)]));
  return candidates
    .filter((c) => {
      const point =
        c.key.point === null ? (productPoint.get(String(c.key.productId)) ?? 0) : Number(c.key.point);
      return Number(c.key.available) < point;
    })
    .reduce((sum, c) => sum + c.value, 0);
}
