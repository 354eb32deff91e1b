/**
 * Nested sets for tree DocTypes (`is_tree`): `lft`/`rgt` stay right when a node is inserted, moved
 * under another parent, or deleted, so "X and everything below it" is one range condition.
 */
import { NestedSetRecursionError, ValidationError } from '../errors';
import type { DocTypeMeta } from '../meta';
import type { Doc } from './doc';
import type { Executor } from './persist';

interface Bounds {
  lft: number;
  rgt: number;
}

/** Serialises tree changes on MariaDB (SQLite already runs one writer at a time). */
async function lockTree(k: Executor, meta: DocTypeMeta): Promise<void> {
  if (k.client.config.client === 'mysql2') await k(meta.tableName).select('name').forUpdate();
}

async function boundsOf(k: Executor, meta: DocTypeMeta, name: string): Promise<(Bounds & { is_group?: number }) | undefined> {
  const columns = meta.hasField('is_group') ? ['lft', 'rgt', 'is_group'] : ['lft', 'rgt'];
  const row = (await k(meta.tableName).where('name', name).first(columns)) as Record<string, unknown> | undefined;
  return row ? { lft: Number(row.lft), rgt: Number(row.rgt), is_group: row.is_group === undefined ? undefined : Number(row.is_group) } : undefined;
}

async function parentBounds(k: Executor, meta: DocTypeMeta, parent: string): Promise<Bounds> {
  const bounds = await boundsOf(k, meta, parent);
  const field = meta.treeParentField;
  if (!bounds) throw new ValidationError(`Parent ${meta.name} ${parent} not found`, [{ fieldname: field, message: `Could not find ${parent}` }]);
  if (bounds.is_group === 0)
    throw new ValidationError(`${parent} is not a group: only group nodes can have children`, [{ fieldname: field, message: `${parent} is not a group node` }]);
  return bounds;
}

async function openGap(k: Executor, meta: DocTypeMeta, at: number, width: number): Promise<void> {
  await k(meta.tableName).where('rgt', '>=', at).update({ rgt: k.raw('rgt + ?', [width]) });
  await k(meta.tableName).where('lft', '>=', at).update({ lft: k.raw('lft + ?', [width]) });
}

async function closeGap(k: Executor, meta: DocTypeMeta, after: number, width: number): Promise<void> {
  await k(meta.tableName).where('lft', '>', after).update({ lft: k.raw('lft - ?', [width]) });
  await k(meta.tableName).where('rgt', '>', after).update({ rgt: k.raw('rgt - ?', [width]) });
}

async function rightEdge(k: Executor, meta: DocTypeMeta): Promise<number> {
  const row = (await k(meta.tableName).max({ edge: 'rgt' }).first()) as { edge: number | null } | undefined;
  return Number(row?.edge ?? 0);
}

function parentOf(meta: DocTypeMeta, doc: Doc): string | undefined {
  const value = doc[meta.treeParentField];
  return typeof value === 'string' && value ? value : undefined;
}

/** Before inserting a node: make room under its parent (or after the last root) and set lft/rgt. */
export async function placeNewNode(k: Executor, meta: DocTypeMeta, doc: Doc): Promise<void> {
  await lockTree(k, meta);
  const parent = parentOf(meta, doc);
  if (parent !== undefined && parent === doc.name) throw new NestedSetRecursionError(`${meta.name} ${parent} cannot be its own parent`, [{ fieldname: meta.treeParentField, message: 'A node cannot be its own parent' }]);
  const at = parent ? (await parentBounds(k, meta, parent)).rgt : (await rightEdge(k, meta)) + 1;
  if (parent) await openGap(k, meta, at, 2);
  doc.lft = at;
  doc.rgt = at + 1;
}

/** When a saved node's parent changes: lift its subtree out, close the gap, open one under the new parent. */
export async function moveNodeIfReparented(k: Executor, meta: DocTypeMeta, doc: Doc, previous: Doc): Promise<void> {
  await refuseLeafWithChildren(k, meta, doc);
  const from = parentOf(meta, previous);
  const to = parentOf(meta, doc);
  if (from === to) return;
  await lockTree(k, meta);
  const node = await boundsOf(k, meta, String(doc.name));
  if (!node) return;
  if (to) {
    const target = await boundsOf(k, meta, to);
    if (to === doc.name || (target && target.lft >= node.lft && target.rgt <= node.rgt))
      throw new NestedSetRecursionError(`Cannot move ${doc.name} under ${to}: it is ${to === doc.name ? 'the node itself' : 'one of its descendants'}`, [
        { fieldname: meta.treeParentField, message: `${to} is inside ${doc.name}` },
      ]);
  }
  const width = node.rgt - node.lft + 1;
  // Negative bounds set the subtree aside while the rest of the tree shifts.
  await k(meta.tableName).where('lft', '>=', node.lft).andWhere('rgt', '<=', node.rgt).update({ lft: k.raw('-lft'), rgt: k.raw('-rgt') });
  await closeGap(k, meta, node.rgt, width);
  const at = to ? (await parentBounds(k, meta, to)).rgt : (await rightEdge(k, meta)) + 1;
  if (to) await openGap(k, meta, at, width);
  const shift = at - node.lft;
  await k(meta.tableName).where('lft', '<', 0).update({ lft: k.raw('-lft + ?', [shift]), rgt: k.raw('-rgt + ?', [shift]) });
  doc.lft = node.lft + shift;
  doc.rgt = node.rgt + shift;
  if (meta.hasField('old_parent')) doc.old_parent = from ?? null;
}

/** As Frappe's NestedSet.validate_ledger: a node with children must stay a group. */
async function refuseLeafWithChildren(k: Executor, meta: DocTypeMeta, doc: Doc): Promise<void> {
  if (!meta.hasField('is_group') || Number(doc.is_group ?? 0) !== 0) return;
  const child = (await k(meta.tableName).where(meta.treeParentField, String(doc.name)).first('name')) as { name: string } | undefined;
  if (child)
    throw new ValidationError(`${meta.name} ${doc.name} cannot be a leaf node as it has children (${child.name})`, [{ fieldname: 'is_group', message: `${doc.name} has child nodes` }]);
}

/** Before deleting a node: refuse while it has children, then close its gap. */
export async function removeNode(k: Executor, meta: DocTypeMeta, doc: Doc): Promise<void> {
  await lockTree(k, meta);
  const child = (await k(meta.tableName).where(meta.treeParentField, String(doc.name)).first('name')) as { name: string } | undefined;
  if (child) throw new ValidationError(`Cannot delete ${meta.name} ${doc.name}: it has child nodes (${child.name})`, [{ fieldname: 'name', message: `${doc.name} has child nodes` }]);
  const node = await boundsOf(k, meta, String(doc.name));
  if (!node) return;
  await closeGap(k, meta, node.rgt, node.rgt - node.lft + 1);
}
