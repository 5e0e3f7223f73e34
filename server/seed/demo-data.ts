/** Names and numbers of the demo company; plain data so the seed reads as a story. */

export const productCatalog: {
  sku: string;
  name: string;
  category: string;
  unitPrice: number;
  type?: 'service';
}[] = [
  { sku: 'CHR-ERGO-01', name: 'Ergonomic office chair', category: 'Furniture', unitPrice: 34900 },
  { sku: 'DSK-STAND-01', name: 'Standing desk 160x80', category: 'Furniture', unitPrice: 59900 },
  { sku: 'DSK-STAND-02', name: 'Standing desk 180x90', category: 'Furniture', unitPrice: 69900 },
  { sku: 'LMP-LED-01', name: 'LED desk lamp', category: 'Lighting', unitPrice: 4900 },
  { sku: 'LMP-FLR-01', name: 'Floor lamp', category: 'Lighting', unitPrice: 12900 },
  { sku: 'MON-27-4K', name: '27" 4K monitor', category: 'Electronics', unitPrice: 39900 },
  { sku: 'MON-ARM-02', name: 'Dual monitor arm', category: 'Accessories', unitPrice: 8900 },
  { sku: 'KBD-MECH-01', name: 'Mechanical keyboard', category: 'Electronics', unitPrice: 11900 },
  { sku: 'MSE-WL-01', name: 'Wireless mouse', category: 'Electronics', unitPrice: 3900 },
  { sku: 'HDS-NC-01', name: 'Noise-cancelling headset', category: 'Electronics', unitPrice: 19900 },
  { sku: 'CAB-USB-C', name: 'USB-C cable 2 m', category: 'Accessories', unitPrice: 1490 },
  { sku: 'DCK-USB-C', name: 'USB-C docking station', category: 'Electronics', unitPrice: 17900 },
  { sku: 'WBD-120', name: 'Whiteboard 120x90', category: 'Office', unitPrice: 9900 },
  { sku: 'CAB-FILE-3', name: 'Filing cabinet, 3 drawers', category: 'Furniture', unitPrice: 22900 },
  { sku: 'SHF-OAK-05', name: 'Oak shelf unit', category: 'Furniture', unitPrice: 27900 },
  { sku: 'MAT-CHAIR', name: 'Chair floor mat', category: 'Accessories', unitPrice: 3900 },
  { sku: 'PLN-DESK-S', name: 'Desk plant, small', category: 'Office', unitPrice: 1900 },
  { sku: 'FTR-ANTI', name: 'Anti-fatigue mat', category: 'Accessories', unitPrice: 5900 },
  {
    sku: 'SVC-INSTALL',
    name: 'On-site installation',
    category: 'Services',
    unitPrice: 9500,
    type: 'service',
  },
  {
    sku: 'SVC-ERGO',
    name: 'Ergonomics consultation',
    category: 'Services',
    unitPrice: 15000,
    type: 'service',
  },
];

export const companyNames = [
  'Northwind Traders',
  'Contoso Logistics',
  'Fabrikam Manufacturing',
  'Adventure Works',
  'Tailspin Toys',
  'Wide World Importers',
  'Litware Systems',
  'Proseware Consulting',
  'Alpine Ski House',
  'Blue Yonder Airlines',
  'Coho Winery',
  'Fourth Coffee',
  'Graphic Design Institute',
  'Humongous Insurance',
  'Lucerne Publishing',
  'Margie’s Travel',
  'Nod Publishers',
  'Southridge Video',
  'Trey Research',
  'VanArsdel Ltd',
  'Woodgrove Bank',
  'Datum Corporation',
  'City Power & Light',
  'School of Fine Art',
  'Relecloud',
  'Munson’s Pickles',
  'Best For You Organics',
  'Bellows College',
  'Wingtip Toys',
  'Lamna Healthcare',
];

export const firstNames = [
  'Anna',
  'Ben',
  'Clara',
  'David',
  'Elif',
  'Felix',
  'Grace',
  'Hugo',
  'Ines',
  'Jonas',
  'Kira',
  'Lars',
];
export const lastNames = [
  'Meyer',
  'Okafor',
  'Rossi',
  'Nguyen',
  'Schmidt',
  'Dubois',
  'Kowalski',
  'Silva',
  'Larsen',
  'Yilmaz',
];

export const supplierNames = [
  'Büromöbel Nord GmbH',
  'Brightline Lighting',
  'Pixel Displays BV',
  'Cable Corner Ltd',
  'GreenDesk Supplies',
];

export const industries = [
  'manufacturing',
  'retail',
  'technology',
  'logistics',
  'professionalServices',
  'healthcare',
] as const;
