//! Structure rules found on real acts (tests/real/acts), each on a small text written the
//! way those acts print it, as plain text from a PDF: the parts, titles and chapters that
//! must come out.

use qujat::model::{Act, Unit, UnitKind};

const HEAD: &str = "Комиссия туралы ережені бекіту туралы

Қазақстан Республикасының Заңына сәйкес БҰЙЫРАМЫН:

1. Қоса беріліп отырған Комиссия туралы ереже бекітілсін.

2. Осы бұйрық қолданысқа енгізіледі.

Министр

Қ. Қасымов

";

fn parse(text: &str) -> Act {
    qujat::parse::parse_text(text, "t.txt", false).act
}

fn titles(act: &Act) -> Vec<String> {
    act.parts.iter().map(|p| p.title.clone().unwrap_or_default()).collect()
}

fn chapters(units: &[Unit]) -> Vec<String> {
    units.iter().filter(|u| u.kind == UnitKind::Chapter).filter_map(|u| u.num.clone()).collect()
}

#[test]
fn a_visa_with_several_bodies_is_split_at_their_dates() {
    let text = format!(
        "{HEAD}«Келісілді»\n\nҚазақстан Республикасының\n\nБас Прокуроры\n\n_________ Ж. Асанов\n\n5 мамыр 2016 жыл\n\n\
         Қазақстан Республикасының\n\nҚаржы министрі\n\n_________ Б. Сұлтанов\n\n29 сәуір 2016 жыл\n\n\
         Қазақстан Республикасы\nІшкі істер министрінің\n2016 жылғы 13 сәуірдегі № 400\nбұйрығымен бекітілген\n\n\
         Комиссия туралы ереже\n\n1. Комиссия құрылады.\n"
    );
    let act = parse(&text);
    assert_eq!(titles(&act), ["Комиссия туралы ережені бекіту туралы", "Комиссия туралы ереже"]);
    let att = &act.parts[1];
    assert_eq!(att.agreed.len(), 2, "{:?}", att.agreed);
    assert!(att.agreed[1].ends_with("29 сәуір 2016 жыл"));
    assert!(att.approved_by.as_deref().unwrap().starts_with("Қазақстан Республикасы Ішкі"));
}

#[test]
fn a_stamp_dated_with_dots_is_a_stamp_and_keeps_its_title_apart() {
    let text = format!(
        "{HEAD}Облыстық мәслихатының\n12.02.2010 жылғы № 4С-20-12\nшешімімен\nБЕКІТІЛДІ\n\n\
         Комиссия туралы ереже\n\n1. Комиссия құрылады.\n"
    );
    let act = parse(&text);
    assert_eq!(titles(&act)[1], "Комиссия туралы ереже");
    assert_eq!(act.parts[0].units.len(), 2);
}

#[test]
fn appendix_stamps_in_a_row_are_two_parts() {
    let text = format!(
        "{HEAD}Қазақстан Республикасы\nІшкі істер министрінің\n2016 жылғы 13 сәуірдегі № 400\nбұйрығымен бекітілген\n\n\
         Комиссия туралы ереже\n\n1. Комиссия құрылады.\n\n\
         Комиссия туралы\nережеге 1-қосымша\n\nНысан\n\n\
         Комиссия туралы\nережеге 2-қосымша\n\nКомиссия мүшелерінің тізімі\n\n1. Төраға.\n"
    );
    let act = parse(&text);
    assert_eq!(act.parts.len(), 4, "{:?}", titles(&act));
    assert!(act.parts[2].approved_by.as_deref().unwrap().contains("1-қосымша"));
    assert!(act.parts[3].approved_by.as_deref().unwrap().contains("2-қосымша"));
}

#[test]
fn an_appendix_named_in_brackets_is_a_reference() {
    let text = format!(
        "{HEAD}Қазақстан Республикасы\nІшкі істер министрінің\n2016 жылғы 13 сәуірдегі № 400\nбұйрығымен бекітілген\n\n\
         Комиссия туралы ереже\n\n1. Куәліктің ішкі жағында:\n\n«Комиссия мүшесінің\n\nКУӘЛІГІ» деген жазу болады (ережеге 2-қосымша).\n\n\
         2. Куәлік беріледі.\n"
    );
    let act = parse(&text);
    assert_eq!(act.parts.len(), 2, "{:?}", titles(&act));
}

#[test]
fn a_numbered_heading_before_a_lead_paragraph_is_a_chapter() {
    let text = format!(
        "{HEAD}Қазақстан Республикасы\nІшкі істер министрінің\n2016 жылғы 13 сәуірдегі № 400\nбұйрығымен бекітілген\n\n\
         Комиссия туралы ереже\n\n1. Жалпы ережелер\n\nОсы Ереже комиссияның жұмыс тәртібін айқындайды.\n\n\
         1. Комиссия құрылады.\n\n2. Комиссия жиналады.\n\n2 . Комиссияның міндеттері\n\n3. Комиссия қарайды.\n\n\
         3- тарау. Қорытынды ережелер\n\n4. Ереже қолданысқа енгізіледі.\n"
    );
    let act = parse(&text);
    assert_eq!(chapters(&act.parts[1].units), ["1", "2", "3"]);
}

/// A law without a table of contents whose article quotes another law's "1-бап." keeps
/// its title and its first article (review, session 5), and a short unnumbered line
/// inside an article does not become a chapter that swallows the articles after it.
#[test]
fn a_law_that_quotes_an_article_keeps_its_title() {
    let text = "Қазақстан Республикасының кейбір заңнамалық актілеріне өзгерістер енгізу туралы\n\n1-бап. Мына заңнамалық актілерге өзгерістер енгізілсін:\n\nМынадай мазмұндағы бап\n\n1. «Құқықтық актілер туралы» Заңға толықтыру енгізілсін.\n\n2-бап. Осы Заң қолданысқа енгізіледі.\n\n3-бап. Үкімет шаралар қабылдасын.\n\n1-бап. Негізгі ұғымдар осылай жазылсын.\n";
    let act =
        qujat::parse::parse_bytes(text.as_bytes(), std::path::Path::new("law.txt"), "law.txt", false).unwrap().act;
    assert_eq!(
        act.meta.title.as_deref(),
        Some("Қазақстан Республикасының кейбір заңнамалық актілеріне өзгерістер енгізу туралы")
    );
    let main = &act.parts[0];
    let top: Vec<&str> = main.units.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(&top[..3], ["art1", "art2", "art3"], "articles stay at the top: {top:?}");
    assert!(main.units[0].units.iter().any(|u| u.id == "art1.p1"));
}
