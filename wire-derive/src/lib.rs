//! `#[derive(Wire)]`: reads a type in postcard's layout, as `serde::Serialize` and postcard
//! write it natively (`src/wire.rs`, where the trait, the reader and the impls for the types the
//! files are made of live), with one plain call per field.
//!
//! The page used serde's derived `Deserialize` for this, which is built for self-describing
//! formats: a visitor per type and error paths that postcard never takes. Postcard's layout asks
//! only for the fields in declaration order: structs and tuples are their fields one after
//! another; an enum is its variant's index (a varint, in declaration order) and then the
//! variant's fields. A type that serde writes through another (`#[serde(try_from = "String",
//! into = …)]`) is read as that type and converted. Other serde attributes (`rename`, `default`)
//! do not change postcard's layout; `skip`, `flatten`, `with` and tagged enums do, and are
//! refused here, so a type that uses them fails to compile rather than read wrongly.
//!
//! A read never returns early (`Reader` notes the first fault and reads the rest as empty), so
//! the code has no path that drops the fields read so far. An enum's last variant is what an
//! emptied reader gives, so it must not hold the enum itself but through `Option` or `Vec`
//! (`Box<Self>` there would read forever from a damaged file); none of the page's types does.

use proc_macro::TokenStream;
use proc_macro2::TokenStream as Tokens;
use quote::quote;
use syn::{parse_macro_input, Attribute, Data, DeriveInput, Fields, LitStr};

#[proc_macro_derive(Wire, attributes(serde))]
pub fn derive_wire(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    match body(&input) {
        Ok(body) => {
            let name = &input.ident;
            let (imp, ty, wh) = input.generics.split_for_impl();
            quote! {
                impl #imp crate::wire::Wire for #name #ty #wh {
                    fn read(r: &mut crate::wire::Reader<'_>) -> Self {
                        #body
                    }
                }
            }
            .into()
        }
        Err(e) => e.to_compile_error().into(),
    }
}

fn body(input: &DeriveInput) -> syn::Result<Tokens> {
    let serde = SerdeAttrs::of(&input.attrs)?;
    let read = structure(input)?;
    Ok(match serde.try_from {
        // If the value read does not convert, the fault is noted and the type's structure is
        // read from the emptied reader instead: some value of the type, never seen.
        Some(via) => quote! {
            let via: #via = crate::wire::Wire::read(r);
            Self::try_from(via).unwrap_or_else(|_| {
                r.fail(crate::wire::Fault::Value);
                #read
            })
        },
        None => read,
    })
}

/// Reads the type's own fields (an enum: its variant, then that variant's fields).
fn structure(input: &DeriveInput) -> syn::Result<Tokens> {
    match &input.data {
        Data::Struct(s) => {
            let fields = fields(&s.fields)?;
            Ok(quote! { Self #fields })
        }
        Data::Enum(e) if e.variants.is_empty() => {
            Err(syn::Error::new(input.ident.span(), "Wire reads enums with variants"))
        }
        Data::Enum(e) => {
            let n = e.variants.len() as u32;
            let arms = e
                .variants
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    SerdeAttrs::of(&v.attrs)?;
                    let (name, fields) = (&v.ident, fields(&v.fields)?);
                    // The last arm takes every index: `variant` gives it for one out of range.
                    Ok(if i as u32 + 1 == n {
                        quote! { _ => Self::#name #fields, }
                    } else {
                        let i = i as u32;
                        quote! { #i => Self::#name #fields, }
                    })
                })
                .collect::<syn::Result<Tokens>>()?;
            Ok(quote! { match r.variant(#n) { #arms } })
        }
        Data::Union(u) => Err(syn::Error::new(u.union_token.span, "Wire reads structs and enums")),
    }
}

/// `{ a: read, b: read }`, `(read, read)` or nothing: each field read in declaration order.
fn fields(fields: &Fields) -> syn::Result<Tokens> {
    for f in fields {
        SerdeAttrs::of(&f.attrs)?;
    }
    let read = quote! { crate::wire::Wire::read(r) };
    Ok(match fields {
        Fields::Named(f) => {
            let names = f.named.iter().map(|f| &f.ident);
            quote! { { #(#names: #read),* } }
        }
        Fields::Unnamed(f) => {
            let reads = f.unnamed.iter().map(|_| &read);
            quote! { ( #(#reads),* ) }
        }
        Fields::Unit => quote! {},
    })
}

/// The serde attributes that matter to postcard's layout.
struct SerdeAttrs {
    try_from: Option<syn::Type>,
}

impl SerdeAttrs {
    fn of(attrs: &[Attribute]) -> syn::Result<SerdeAttrs> {
        let mut out = SerdeAttrs { try_from: None };
        for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
            attr.parse_nested_meta(|meta| {
                let key = meta.path.get_ident().map(|i| i.to_string()).unwrap_or_default();
                match key.as_str() {
                    "try_from" | "from" => out.try_from = Some(meta.value()?.parse::<LitStr>()?.parse()?),
                    "skip"
                    | "skip_serializing"
                    | "skip_deserializing"
                    | "skip_serializing_if"
                    | "flatten"
                    | "tag"
                    | "untagged"
                    | "content"
                    | "with"
                    | "deserialize_with"
                    | "serialize_with" => {
                        return Err(meta.error(format!(
                            "Wire cannot read a type with #[serde({key})]: postcard's layout changes"
                        )));
                    }
                    // `rename`, `default`, `into`, `remote`, …: the layout stays; skip their values.
                    _ => {
                        if meta.input.peek(syn::Token![=]) {
                            meta.value()?.parse::<syn::Expr>()?;
                        } else if meta.input.peek(syn::token::Paren) {
                            meta.parse_nested_meta(|inner| {
                                if inner.input.peek(syn::Token![=]) {
                                    inner.value()?.parse::<syn::Expr>()?;
                                }
                                Ok(())
                            })?;
                        }
                    }
                }
                Ok(())
            })?;
        }
        Ok(out)
    }
}
