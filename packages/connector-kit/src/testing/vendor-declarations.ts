import { readFileSync } from 'node:fs';
import ts from 'typescript';

/** The fields a vendor SDK declares for one request shape. */
export interface DeclaredShape {
  /** Every property name the shape may carry. */
  names: Set<string>;
  /** The properties it cannot be sent without. */
  required: Set<string>;
  /** Each property's declared type, as written in the declaration file. */
  types: Map<string, ts.TypeNode>;
}

/** Interfaces and type aliases read out of an SDK's declaration files, by name. */
export interface VendorDeclarations {
  /** The shape named `name` (`PaymentIntentCreateParams`, or qualified: `Stripe.PaymentIntentCreateParams`). */
  shape(name: string): DeclaredShape | undefined;
  /** The string literals a property's type allows, following type aliases declared in the same files. */
  literals(shape: string, property: string): string[];
  /** Whether a property's type also takes any string (`string`, or TypeScript's `string & {}`). */
  acceptsAnyString(shape: string, property: string): boolean;
}

type Declaration = ts.InterfaceDeclaration | ts.TypeAliasDeclaration | ts.ClassDeclaration;

/**
 * Reads request shapes out of the declaration files an official SDK ships, so a connector's
 * operations can be checked against the vendor's own types without compiling or running the SDK.
 * Interfaces, type aliases and the model classes of OpenAPI generators are read; `extends` clauses,
 * intersections and unions of shapes in the same files are followed; a union requires only what
 * every member requires.
 */
export function readVendorDeclarations(files: string[]): VendorDeclarations {
  const declarations = new Map<string, Declaration>();
  const nested = new Set<string>();
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    collect(source, [], declarations, nested);
  }
  const cache = new Map<string, DeclaredShape | undefined>();

  const lookup = (name: string): Declaration | undefined => declarations.get(name) ?? declarations.get(name.split('.').pop() ?? name);

  const fromType = (node: ts.TypeNode, depth: number): DeclaredShape | undefined => {
    if (depth > 20) return undefined;
    if (ts.isParenthesizedTypeNode(node)) return fromType(node.type, depth + 1);
    if (ts.isTypeLiteralNode(node)) return fromMembers(node.members);
    if (ts.isTypeReferenceNode(node)) return fromReference(node, depth + 1);
    if (ts.isIntersectionTypeNode(node)) return merge(node.types.map((part) => fromType(part, depth + 1)), 'all');
    if (ts.isUnionTypeNode(node)) return merge(node.types.map((part) => fromType(part, depth + 1)), 'some');
    return undefined;
  };

  // TypeScript's own mapped types are read for what they do to the fields; any other generic
  // (an SDK's `OptionalArgument<T>`) is read as the shape it wraps, its first type argument.
  const fromReference = (node: ts.TypeReferenceNode, depth: number): DeclaredShape | undefined => {
    const name = node.typeName.getText();
    const [first, second] = node.typeArguments ?? [];
    if (!first) return shapeOf(name, depth);
    const inner = fromType(first, depth + 1);
    if (!inner) return undefined;
    const keys = second ? literalsOf(second, 0).literals : [];
    switch (name) {
      case 'Partial':
        return { ...inner, required: new Set() };
      case 'Required':
        return { ...inner, required: new Set(inner.names) };
      case 'Pick':
      case 'Omit': {
        const keep = (field: string) => (name === 'Pick' ? keys.includes(field) : !keys.includes(field));
        return {
          names: new Set([...inner.names].filter(keep)),
          required: new Set([...inner.required].filter(keep)),
          types: new Map([...inner.types].filter(([field]) => keep(field))),
        };
      }
      default:
        return lookup(name) && !(lookup(name) as ts.InterfaceDeclaration).typeParameters ? shapeOf(name, depth) : inner;
    }
  };

  const shapeOf = (name: string, depth = 0): DeclaredShape | undefined => {
    if (cache.has(name)) return cache.get(name);
    const declaration = lookup(name);
    if (!declaration || depth > 20) return undefined;
    cache.set(name, undefined);
    let shape: DeclaredShape | undefined;
    if (ts.isInterfaceDeclaration(declaration) || ts.isClassDeclaration(declaration)) {
      const bases = (declaration.heritageClauses ?? []).flatMap((clause) => clause.types.map((base) => shapeOf(base.expression.getText(), depth + 1)));
      shape = merge([...bases, fromMembers(declaration.members)], 'all');
    } else if (ts.isTypeAliasDeclaration(declaration)) {
      shape = fromType(declaration.type, depth + 1);
    }
    cache.set(name, shape);
    return shape;
  };

  const propertyType = (shape: string, property: string) => shapeOf(shape)?.types.get(property);

  const literalsOf = (node: ts.TypeNode | undefined, depth: number): { literals: string[]; anyString: boolean } => {
    const found = { literals: [] as string[], anyString: false };
    if (!node || depth > 10) return found;
    const add = (other: { literals: string[]; anyString: boolean }) => {
      found.literals.push(...other.literals);
      found.anyString ||= other.anyString;
    };
    if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) found.literals.push(node.literal.text);
    else if (node.kind === ts.SyntaxKind.StringKeyword) found.anyString = true;
    else if (ts.isUnionTypeNode(node)) for (const part of node.types) add(literalsOf(part, depth + 1));
    else if (ts.isParenthesizedTypeNode(node)) add(literalsOf(node.type, depth + 1));
    // `string & {}` keeps editor completion for the literals while taking any string.
    else if (ts.isIntersectionTypeNode(node)) found.anyString = node.types.some((part) => part.kind === ts.SyntaxKind.StringKeyword);
    else if (ts.isTypeReferenceNode(node)) {
      const alias = lookup(node.typeName.getText());
      if (alias && ts.isTypeAliasDeclaration(alias)) add(literalsOf(alias.type, depth + 1));
    }
    return found;
  };

  return {
    shape: (name) => shapeOf(name),
    literals: (shape, property) => literalsOf(propertyType(shape, property), 0).literals,
    acceptsAnyString: (shape, property) => literalsOf(propertyType(shape, property), 0).anyString,
  };
}

/** `nested` holds the bare names taken by a declaration inside a namespace, which a top-level one replaces. */
function collect(node: ts.Node, namespaces: string[], into: Map<string, Declaration>, nested: Set<string>): void {
  if ((ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isClassDeclaration(node)) && node.name) {
    const name = node.name.text;
    const qualified = [...namespaces, name].join('.');
    if (!into.has(qualified)) into.set(qualified, node);
    // A shape is also found by its bare name; SDKs re-declare top-level shapes inside namespaces
    // as aliases of themselves, so the top-level declaration wins that name.
    if (!into.has(name) || (namespaces.length === 0 && nested.has(name))) {
      into.set(name, node);
      if (namespaces.length > 0) nested.add(name);
      else nested.delete(name);
    }
    return;
  }
  if (ts.isModuleDeclaration(node) && node.body) {
    const inner = ts.isIdentifier(node.name) ? [...namespaces, node.name.text] : namespaces;
    ts.forEachChild(node.body, (child) => collect(child, inner, into, nested));
    return;
  }
  ts.forEachChild(node, (child) => collect(child, namespaces, into, nested));
}

/** Properties of an interface or type literal, or the instance properties of a generated model class. */
function fromMembers(members: ts.NodeArray<ts.TypeElement | ts.ClassElement>): DeclaredShape {
  const shape: DeclaredShape = { names: new Set(), required: new Set(), types: new Map() };
  for (const member of members) {
    const isStatic = ts.isPropertyDeclaration(member) && (ts.getCombinedModifierFlags(member) & ts.ModifierFlags.Static) !== 0;
    if (!(ts.isPropertySignature(member) || (ts.isPropertyDeclaration(member) && !isStatic))) continue;
    const name = ts.isIdentifier(member.name) || ts.isStringLiteral(member.name) ? member.name.text : member.name.getText();
    shape.names.add(name);
    if (!member.questionToken) shape.required.add(name);
    if (member.type) shape.types.set(name, member.type);
  }
  return shape;
}

function merge(parts: (DeclaredShape | undefined)[], mode: 'all' | 'some'): DeclaredShape | undefined {
  const known = parts.filter((part): part is DeclaredShape => part !== undefined);
  if (known.length === 0) return undefined;
  const shape: DeclaredShape = { names: new Set(), required: new Set(), types: new Map() };
  for (const part of known) {
    for (const name of part.names) shape.names.add(name);
    for (const [name, type] of part.types) if (!shape.types.has(name)) shape.types.set(name, type);
  }
  const requiredSets = known.map((part) => part.required);
  for (const name of new Set(requiredSets.flatMap((set) => [...set]))) {
    if (mode === 'all' || requiredSets.every((set) => set.has(name))) shape.required.add(name);
  }
  return shape;
}
