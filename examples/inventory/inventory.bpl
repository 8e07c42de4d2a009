// Inventory and purchasing: a product catalogue with SKUs, stock levels per warehouse, suppliers,
// purchase orders with an approval workflow, goods receipts and the stock movements they post.
// Check it with `bpc check examples/inventory/inventory.bpl`.
blueprint Inventory {
  version "0.3.0"
  domain "supply chain"
  platform web
  locales [en, fr]
  description "Stock control and purchasing for a wholesaler with several warehouses."
  license "Apache-2.0 OR MIT"
  contact "Supply Chain Platform (https://inventory.example/support)"
}

/// An amount of money in the order's currency, never negative.
type Money = decimal @precision(14, 2) @min(0)
/// A stock quantity in the SKU's unit of measure; three decimals allow weights and lengths.
type Quantity = decimal @precision(12, 3) @min(0)
type PositiveQuantity = decimal @precision(12, 3) @min(0.001)
type CurrencyCode = string @pattern("^[A-Z]{3}$") @default("EUR")
/// A stock-keeping unit code such as `CHAIR-OAK-01`.
type SkuCode = string @pattern("^[A-Z0-9][A-Z0-9-]{2,31}$")
/// A GTIN barcode (EAN-8, UPC-A, EAN-13 or GTIN-14).
type Barcode = string @pattern("^([0-9]{8}|[0-9]{12,14})$")
type CountryCode = string @pattern("^[A-Z]{2}$")
type WarehouseCode = string @pattern("^[A-Z]{3}[0-9]{0,2}$")
type PageSize = int @min(1) @max(100) @default(50)

enum UnitOfMeasure { each, box, pallet, kilogram, litre, metre }
enum ProductStatus { active, discontinued, archived @deprecated("Use discontinued.") }
enum OrderStatus { draft, submitted, approved, ordered, partiallyReceived, received, cancelled }
enum ReceiptStatus { draft, posted, discarded }
enum MovementKind { receipt, shipment, transfer, adjustment, supplierReturn }

struct Address { street: string, city: string, postcode: string?, country: CountryCode }

/// A SKU that has fallen to its reorder point in one warehouse, and how much to order.
struct ReorderSuggestion { skuId: uuid, warehouseId: uuid, onHand: Quantity, suggested: Quantity }

/// Something the business sells; its stocked variants are SKUs.
entity Product {
  id: uuid @id @generated
  name: string @minLength(1) @maxLength(200) @index @searchable
  description: text? @searchable
  category: string? @index
  status: ProductStatus = active @index
  createdAt: datetime @generated @index
  skus: list<Sku> @inverse(product)
}

/// One stocked variant of a product, with its reorder settings.
entity Sku {
  id: uuid @id @generated
  code: SkuCode @unique @readonly
  product: Product @onDelete(cascade)
  barcode: Barcode? @unique
  unit: UnitOfMeasure = each
  /// Variant attributes such as `{ colour: "oak", size: "L" }`.
  attributes: map<string, string> = {}
  unitCost: Money = 0
  /// Reorder when stock on hand falls to this level.
  reorderPoint: Quantity = 0
  reorderQuantity: Quantity = 0
  preferredSupplier: Supplier? @onDelete(setNull)
  stockLevels: list<StockLevel> @inverse(sku)
}

entity Warehouse {
  id: uuid @id @generated
  code: WarehouseCode @unique @readonly
  name: string @minLength(1)
  address: Address
  active: bool = true
  stockLevels: list<StockLevel> @inverse(warehouse)
}

/// Stock of one SKU in one warehouse (one record per pair), changed only by stock movements.
entity StockLevel {
  id: uuid @id @generated
  sku: Sku @onDelete(cascade)
  warehouse: Warehouse @onDelete(cascade)
  onHand: Quantity = 0
  reserved: Quantity = 0
  binLocation: string? @pattern("^[A-Z][0-9]{2}-[0-9]{2}$")
  unique (sku, warehouse)
}

entity Supplier {
  id: uuid @id @generated
  name: string @minLength(1) @maxLength(200) @unique
  email: string @format(email)
  address: Address?
  currency: CurrencyCode
  leadTime: duration = "P7D"
  active: bool = true
  purchaseOrders: list<PurchaseOrder> @inverse(supplier)
}

entity PurchaseOrder {
  id: uuid @id @generated
  number: string @unique @readonly @pattern("^PO-[0-9]{6}$")
  supplier: Supplier
  deliverTo: Warehouse
  status: OrderStatus = draft
  currency: CurrencyCode
  total: Money = 0
  expectedOn: date?
  notes: text?
  createdAt: datetime @generated
  /// When the order was sent to the supplier, and why it was cancelled: set by the workflow.
  orderedAt: datetime?
  cancellationReason: string?
  lines: list<PurchaseOrderLine> @inverse(purchaseOrder)
  receipts: list<GoodsReceipt> @inverse(purchaseOrder)
}

entity PurchaseOrderLine {
  id: uuid @id @generated
  purchaseOrder: PurchaseOrder @onDelete(cascade)
  sku: Sku
  quantity: PositiveQuantity
  unitPrice: Money
  receivedQuantity: Quantity = 0
}

/// Goods delivered against a purchase order. Posting it books the stock into the warehouse.
entity GoodsReceipt {
  id: uuid @id @generated
  purchaseOrder: PurchaseOrder
  warehouse: Warehouse
  status: ReceiptStatus = draft
  receivedAt: datetime @generated
  lines: list<GoodsReceiptLine> @inverse(receipt)
}

entity GoodsReceiptLine {
  id: uuid @id @generated
  receipt: GoodsReceipt @onDelete(cascade)
  orderLine: PurchaseOrderLine
  quantity: PositiveQuantity
  damaged: Quantity = 0
}

/// An immutable entry in the stock ledger.
entity StockMovement {
  id: uuid @id @generated
  kind: MovementKind @index
  sku: Sku
  source: Warehouse? @onDelete(setNull)
  destination: Warehouse? @onDelete(setNull)
  quantity: PositiveQuantity
  receipt: GoodsReceipt? @onDelete(setNull)
  reason: string?
  occurredAt: datetime @generated
}

event PurchaseOrderSubmitted { purchaseOrder: PurchaseOrder, total: Money }
event PurchaseOrderApproved { purchaseOrder: PurchaseOrder }
event PurchaseOrderRejected { purchaseOrder: PurchaseOrder, reason: string }
event PurchaseOrderPlaced { purchaseOrder: PurchaseOrder, supplier: Supplier, expectedOn: date? }
event PurchaseOrderReceived { purchaseOrder: PurchaseOrder }
event PurchaseOrderCancelled { purchaseOrder: PurchaseOrder, reason: string }
event GoodsReceived { receipt: GoodsReceipt, purchaseOrder: PurchaseOrder, warehouse: Warehouse }
/// Raised when a movement leaves stock at or below the SKU's reorder point.
event StockBelowReorderPoint { stockLevel: StockLevel, onHand: Quantity, reorderPoint: Quantity }

role Admin
role PurchasingManager
role Buyer
role WarehouseClerk
role Auditor

policy InventoryAccess {
  allow Admin to *
  allow PurchasingManager to [read, create, update, delete]
    on Product, Sku, Supplier, PurchaseOrder, PurchaseOrderLine
  allow PurchasingManager to cancel on PurchaseOrder
  allow Buyer to [read, create, update, delete] on PurchaseOrderLine
  allow Buyer to [read, create, update] on Supplier, PurchaseOrder
  allow Buyer, PurchasingManager, WarehouseClerk to read
    on Product, Sku, Warehouse, StockLevel, StockMovement
  allow Buyer, PurchasingManager to read on GoodsReceipt, GoodsReceiptLine
  allow WarehouseClerk to read on PurchaseOrder, PurchaseOrderLine
  allow WarehouseClerk to [read, create, update] on GoodsReceipt, GoodsReceiptLine
  // Auditors see everything and change nothing, whatever other roles they hold.
  allow Auditor to read
  allow Auditor to reorderSuggestions
  deny Auditor to [create, update, delete]
}

/// Purchase orders need a manager's approval before they are sent to the supplier.
workflow PurchaseOrderApproval on PurchaseOrder.status {
  initial draft
  guard hasLines
  guard withinBudget
  guard allLinesReceived
  draft -> submitted on submit by Buyer when hasLines emits PurchaseOrderSubmitted
  submitted -> approved on approve by PurchasingManager when withinBudget
    emits PurchaseOrderApproved
  /// Sends the order back to the buyer for changes.
  submitted -> draft on reject(reason: string @minLength(3)) by PurchasingManager
    emits PurchaseOrderRejected
  approved -> ordered on placeOrder(expectedOn: date?) by Buyer
    sets expectedOn = expectedOn, orderedAt = now emits PurchaseOrderPlaced
  /// Fired when a posted receipt leaves part of the order outstanding.
  ordered, partiallyReceived -> partiallyReceived on receivePart by WarehouseClerk
  ordered, partiallyReceived -> received on receiveAll by WarehouseClerk when allLinesReceived
    emits PurchaseOrderReceived
  draft, submitted, approved, ordered -> cancelled on cancel(reason: string @minLength(3)) by Buyer
    sets cancellationReason = reason emits PurchaseOrderCancelled
}

workflow ReceiptPosting on GoodsReceipt.status {
  initial draft
  guard quantitiesWithinOrder
  draft -> posted on post by WarehouseClerk when quantitiesWithinOrder emits GoodsReceived
  draft -> discarded on discard by WarehouseClerk
}

api InventoryApi at "/api" {
  resource Product
  resource Sku
  resource Warehouse { list, get, create, update }
  resource StockLevel { list, get }
  resource Supplier
  resource PurchaseOrder with workflow PurchaseOrderApproval
  resource PurchaseOrderLine
  resource GoodsReceipt { list, get, create, update } with workflow ReceiptPosting
  resource GoodsReceiptLine { list, get, create, update }
  resource StockMovement { list, get }
  /// SKUs at or below their reorder point, optionally in one warehouse.
  operation reorderSuggestions(warehouse: Warehouse?, limit: PageSize) -> list<ReorderSuggestion>
    @http(GET, "/stock-levels/reorder") by Buyer, PurchasingManager, WarehouseClerk
  /// Drafts one purchase order per preferred supplier for every SKU below its reorder point.
  operation draftReorders(warehouse: Warehouse) -> list<PurchaseOrder>
    @http(POST, "/purchase-orders/reorder") by Buyer, PurchasingManager
  /// Sets stock on hand to a counted quantity and writes an `adjustment` movement.
  operation adjustStock(id: uuid, counted: Quantity, reason: string @minLength(3)) -> StockLevel
    @http(POST, "/stock-levels/{id}/adjust") by WarehouseClerk
  /// Moves stock between warehouses and writes a `transfer` movement.
  operation transferStock(sku: Sku, source: Warehouse, target: Warehouse, amount: PositiveQuantity)
    @http(POST, "/stock-movements/transfer") by WarehouseClerk
}

intent feature "Automatic reordering" priority high {
  description "A nightly job drafts orders for every SKU below its reorder point."
  uses InventoryApi, Sku, StockLevel, StockBelowReorderPoint
}

intent feature "Order approval" priority critical { uses PurchaseOrderApproval, PurchaseOrder }
intent page "Receiving dock" priority high { uses GoodsReceipt, ReceiptPosting, PurchaseOrder }
intent component "Stock ledger" { uses StockMovement, StockLevel }
intent integration "Supplier EDI" priority low { description "Send placed orders over EDI." }

target typescript { package "@acme/inventory-api" }
target python { package "inventory_api" }
target cpp { namespace "acme::inventory" }
target openapi {}
target jsonschema {}
