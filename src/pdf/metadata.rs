//! A printed PDF's document information and XMP metadata: who published
//! it (the organisation), what it is called (with the site and audience),
//! its language and what made it, written after the browser prints it so
//! that a PDF reader, a search index and a document library see the same
//! facts as the page. The browser's structure tags are kept as they are.

use lopdf::{text_string, Dictionary, Document, Object, Stream};

/// What a PDF says about itself.
pub(crate) struct Described<'a> {
    /// Its title: the page's, the site's and, for an audience but the
    /// default, the audience's name.
    pub title: &'a str,
    /// Who publishes it: the organisation, in the page's language.
    pub author: &'a str,
    /// The page's language (a BCP 47 tag: `en-GB`, `cy`).
    pub language: &'a str,
}

/// What signpost calls itself as a PDF's creator: "signpost 0.1.0".
fn creator() -> String {
    format!("signpost {}", env!("CARGO_PKG_VERSION"))
}

/// Gives `document` (a PDF as the browser printed it) its document
/// information (Title, Author, Creator; the browser's Producer kept), an
/// XMP metadata stream on its catalog, and a viewer told to show its
/// title. `Err` says why it could not.
pub(crate) fn describe(document: &mut Document, described: &Described) -> Result<(), String> {
    let producer = set_info(document, described)?;
    let xmp = xmp_packet(described, &producer);
    let mut stream = Stream::new(
        Dictionary::from_iter([
            ("Type", Object::Name(b"Metadata".to_vec())),
            ("Subtype", Object::Name(b"XML".to_vec())),
        ]),
        xmp.into_bytes(),
    );
    // A metadata stream stays readable to tools that do not inflate.
    stream.allows_compression = false;
    let metadata = document.add_object(stream);
    let catalog = document
        .catalog_mut()
        .map_err(|e| format!("the printed PDF has no catalog: {e}"))?;
    catalog.set("Metadata", Object::Reference(metadata));
    show_title(document)?;
    Ok(())
}

/// Sets the document information's Title, Author and Creator (adding the
/// dictionary if the PDF has none), and gives back its Producer.
fn set_info(document: &mut Document, described: &Described) -> Result<String, String> {
    let existing = document
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .ok();
    let id = match existing {
        Some(id) => id,
        None => {
            let id = document.add_object(Dictionary::new());
            document.trailer.set("Info", Object::Reference(id));
            id
        }
    };
    let info = document
        .get_dictionary_mut(id)
        .map_err(|e| format!("the printed PDF's document information cannot be read: {e}"))?;
    info.set("Title", text_string(described.title));
    info.set("Author", text_string(described.author));
    info.set("Creator", text_string(&creator()));
    Ok(info
        .get(b"Producer")
        .ok()
        .and_then(|p| lopdf::decode_text_string(p).ok())
        .unwrap_or_default())
}

/// Asks viewers to show the title rather than the file name
/// (`/ViewerPreferences /DisplayDocTitle true`), as PDF/UA requires.
fn show_title(document: &mut Document) -> Result<(), String> {
    let catalog = document
        .catalog_mut()
        .map_err(|e| format!("the printed PDF has no catalog: {e}"))?;
    let held = catalog.get(b"ViewerPreferences").ok().cloned();
    let reference = match held {
        Some(Object::Reference(id)) => Some(id),
        Some(Object::Dictionary(mut preferences)) => {
            preferences.set("DisplayDocTitle", Object::Boolean(true));
            catalog.set("ViewerPreferences", Object::Dictionary(preferences));
            None
        }
        _ => {
            let preferences = Dictionary::from_iter([("DisplayDocTitle", Object::Boolean(true))]);
            catalog.set("ViewerPreferences", Object::Dictionary(preferences));
            None
        }
    };
    if let Some(id) = reference {
        document
            .get_dictionary_mut(id)
            .map_err(|e| format!("the printed PDF's viewer preferences cannot be read: {e}"))?
            .set("DisplayDocTitle", Object::Boolean(true));
    }
    Ok(())
}

/// The XMP packet: the title (as the default and in the page's language),
/// the organisation as creator, the language, signpost as the creator
/// tool and the browser as producer.
fn xmp_packet(described: &Described, producer: &str) -> String {
    use crate::util::html::escape_html as esc;
    let language = esc(described.language);
    let title = esc(described.title);
    format!(
        r#"<?xpacket begin="{bom}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li><rdf:li xml:lang="{language}">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreatorTool>{tool}</xmp:CreatorTool>
   <pdf:Producer>{producer}</pdf:Producer>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>"#,
        bom = '\u{feff}',
        author = esc(described.author),
        tool = esc(&creator()),
        producer = esc(producer),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::content::{Content, Operation};
    use lopdf::dictionary;

    /// A one-page PDF with a catalog, as a browser might print it.
    fn printed() -> Document {
        let mut doc = Document::with_version("1.4");
        let pages_id = doc.new_object_id();
        let content = Content {
            operations: vec![Operation::new("BT", vec![]), Operation::new("ET", vec![])],
        };
        let content_id = doc.add_object(Stream::new(
            dictionary! {},
            content.encode().unwrap_or_default(),
        ));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => vec![Object::Reference(page_id)], "Count" => 1,
                "MediaBox" => vec![Object::Integer(0), Object::Integer(0), Object::Integer(595), Object::Integer(842)],
            }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        let info =
            doc.add_object(dictionary! { "Producer" => Object::string_literal("Skia/PDF m156") });
        doc.trailer.set("Root", catalog);
        doc.trailer.set("Info", info);
        doc
    }

    #[test]
    fn info_and_xmp_say_title_author_language_and_tools() {
        let described = Described {
            title: "Cofnod cyfarfod – Pecyn mentora gwrthdro (Hawdd ei ddeall)",
            author: "Cyngor Bwrdeistref Glan yr Harbwr & Co <test>",
            language: "cy",
        };
        let mut doc = printed();
        describe(&mut doc, &described).unwrap();
        let info_id = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
        let info = doc.get_dictionary(info_id).unwrap();
        let text = |key: &[u8]| lopdf::decode_text_string(info.get(key).unwrap()).unwrap();
        assert_eq!(text(b"Title"), described.title);
        assert_eq!(text(b"Author"), described.author);
        assert_eq!(
            text(b"Creator"),
            format!("signpost {}", env!("CARGO_PKG_VERSION"))
        );
        assert_eq!(text(b"Producer"), "Skia/PDF m156");
        let catalog = doc.catalog().unwrap();
        let preferences = catalog
            .get(b"ViewerPreferences")
            .unwrap()
            .as_dict()
            .unwrap();
        assert!(preferences
            .get(b"DisplayDocTitle")
            .unwrap()
            .as_bool()
            .unwrap());
        let metadata = catalog.get(b"Metadata").unwrap().as_reference().unwrap();
        let stream = doc.get_object(metadata).unwrap().as_stream().unwrap();
        assert!(
            stream.dict.get(b"Filter").is_err(),
            "the XMP is not compressed"
        );
        let xml = String::from_utf8(stream.content.clone()).unwrap();
        assert!(xml.contains(r#"<rdf:li xml:lang="x-default">Cofnod cyfarfod – Pecyn mentora gwrthdro (Hawdd ei ddeall)</rdf:li>"#), "{xml}");
        assert!(
            xml.contains(
                "<rdf:li>Cyngor Bwrdeistref Glan yr Harbwr &amp; Co &lt;test&gt;</rdf:li>"
            ),
            "{xml}"
        );
        assert!(
            xml.contains("<dc:language><rdf:Bag><rdf:li>cy</rdf:li></rdf:Bag></dc:language>"),
            "{xml}"
        );
        assert!(
            xml.contains("<pdf:Producer>Skia/PDF m156</pdf:Producer>"),
            "{xml}"
        );
        assert!(xml.contains("<pdfuaid:part>1</pdfuaid:part>"), "{xml}");
    }
}
