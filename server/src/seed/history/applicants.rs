//! The demo history's people: synthetic applicants (citizens, residents and visitors) and a
//! few officers for each agency that has application forms. Made from name lists, the same
//! every time; none of them can sign in (their password is random and thrown away).

use chrono::NaiveDate;

/// Someone who applies in the demo history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applicant {
    pub account_type: &'static str,
    pub id_number: String,
    pub first_name: String,
    pub other_names: Option<String>,
    pub last_name: String,
    pub gender: &'static str,
    pub date_of_birth: NaiveDate,
    pub email: String,
    pub phone: String,
    pub language: &'static str,
}

/// A synthetic officer of an agency.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Officer {
    pub agency: &'static str,
    pub id_number: String,
    pub first_name: &'static str,
    pub last_name: &'static str,
    pub email: String,
    pub phone: String,
}

const WOMEN: [&str; 30] = [
    "Achieng",
    "Akinyi",
    "Amina",
    "Atieno",
    "Chebet",
    "Faith",
    "Grace",
    "Halima",
    "Jepchirchir",
    "Joy",
    "Kanini",
    "Mercy",
    "Mwanaisha",
    "Nafula",
    "Naliaka",
    "Njeri",
    "Nyambura",
    "Nyokabi",
    "Rehema",
    "Saida",
    "Wairimu",
    "Wambui",
    "Wangari",
    "Wanjiru",
    "Wanza",
    "Zawadi",
    "Mueni",
    "Kerubo",
    "Moraa",
    "Jebet",
];
const MEN: [&str; 30] = [
    "Abdi",
    "Baraka",
    "Brian",
    "Cheruiyot",
    "Daniel",
    "Evans",
    "Hassan",
    "Juma",
    "Kamau",
    "Kibet",
    "Kiprono",
    "Kipchumba",
    "Mohamed",
    "Mwangi",
    "Njoroge",
    "Ochieng",
    "Odhiambo",
    "Omondi",
    "Onyango",
    "Otieno",
    "Peter",
    "Rotich",
    "Samuel",
    "Wafula",
    "Wekesa",
    "Mutua",
    "Musyoka",
    "Nyamweya",
    "Ouma",
    "Langat",
];
const SURNAMES: [&str; 40] = [
    "Achieng", "Barasa", "Chege", "Gathoni", "Hussein", "Kamau", "Kariuki", "Kimani", "Kiptoo",
    "Koech", "Korir", "Macharia", "Maina", "Mutai", "Mutiso", "Mwangi", "Mwende", "Ndirangu",
    "Ngugi", "Njoroge", "Nyaga", "Obiero", "Ochieng", "Odera", "Odhiambo", "Ogola", "Okoth",
    "Omondi", "Onyango", "Otieno", "Ouma", "Owino", "Rono", "Ruto", "Simiyu", "Tanui", "Wafula",
    "Wanyama", "Wekesa", "Yusuf",
];
/// Visitors and residents from elsewhere: (first names, surname, dialling code).
const ABROAD: [(&str, &str, &str, &str); 16] = [
    ("Emily", "female", "Clarke", "+4477009"),
    ("Oliver", "male", "Bennett", "+4477009"),
    ("Chinedu", "male", "Okafor", "+2348031"),
    ("Ngozi", "female", "Adeyemi", "+2348031"),
    ("Priya", "female", "Sharma", "+9198100"),
    ("Arjun", "male", "Patel", "+9198100"),
    ("Lukas", "male", "Schneider", "+4915112"),
    ("Anna", "female", "Fischer", "+4915112"),
    ("Michael", "male", "Johnson", "+1202555"),
    ("Sarah", "female", "Miller", "+1202555"),
    ("Wei", "male", "Zhang", "+8613800"),
    ("Li", "female", "Wang", "+8613800"),
    ("Joseph", "male", "Mugisha", "+2567720"),
    ("Aisha", "female", "Nakato", "+2567720"),
    ("Thabo", "male", "Nkosi", "+2782555"),
    ("Amara", "female", "Diallo", "+2217700"),
];

/// How many applicants of each kind the history has.
pub const CITIZENS: usize = 320;
pub const RESIDENTS: usize = 40;
pub const VISITORS: usize = 90;

/// Every synthetic applicant, citizens first.
pub fn applicants() -> Vec<Applicant> {
    let mut people = Vec::with_capacity(CITIZENS + RESIDENTS + VISITORS);
    for i in 0..CITIZENS {
        let woman = i % 2 == 0;
        let first = if woman {
            WOMEN[(i / 2) % WOMEN.len()]
        } else {
            MEN[(i / 2) % MEN.len()]
        };
        let last = SURNAMES[(i * 7 + i / 40) % SURNAMES.len()];
        let other = (i % 3 == 0).then(|| {
            if woman {
                WOMEN[(i * 11 + 5) % WOMEN.len()]
            } else {
                MEN[(i * 11 + 5) % MEN.len()]
            }
            .to_string()
        });
        people.push(Applicant {
            account_type: "citizen",
            id_number: format!("{}", 71_000_000 + i * 313),
            first_name: first.to_string(),
            other_names: other,
            last_name: last.to_string(),
            gender: if woman { "female" } else { "male" },
            date_of_birth: born(i, 1958, 2006),
            email: format!("{}.{}.{i}@example.org", ascii(first), ascii(last)),
            phone: format!("+2547{:08}", 10_000_000 + i * 2_741),
            language: if i % 4 == 1 { "sw" } else { "en" },
        });
    }
    for i in 0..RESIDENTS + VISITORS {
        let (first, gender, last, dial) = ABROAD[i % ABROAD.len()];
        let resident = i < RESIDENTS;
        people.push(Applicant {
            account_type: if resident { "resident" } else { "foreigner" },
            // A foreign resident's certificate number; a visitor's passport number.
            id_number: if resident {
                format!("{}", 200_500_000 + i * 17)
            } else {
                format!("PX{:07}", 4_100_000 + i * 131)
            },
            first_name: first.to_string(),
            other_names: None,
            last_name: last.to_string(),
            gender,
            date_of_birth: born(i + 7, 1960, 2004),
            email: format!("{}.{}.{}@example.net", ascii(first), ascii(last), i),
            phone: if resident {
                format!("+2547{:08}", 60_000_000 + i * 977)
            } else {
                format!("{dial}{:04}", 1000 + i * 37)
            },
            language: "en",
        });
    }
    people
}

/// A date of birth between two years, spread through the year.
fn born(i: usize, from: i32, to: i32) -> NaiveDate {
    let year = from + (i as i32 * 7) % (to - from + 1);
    let day = (i as u32 * 37) % 365;
    NaiveDate::from_yo_opt(year, day + 1).unwrap_or(NaiveDate::MIN)
}

fn ascii(name: &str) -> String {
    name.to_ascii_lowercase()
}

/// The agencies whose services have forms, with two officers each (the demo officer and
/// supervisor also work at Immigration and Lands).
pub fn officers() -> Vec<Officer> {
    const STAFF: [(&str, &str, &str); 14] = [
        ("immigration", "Lucy", "Wambugu"),
        ("immigration", "Hamisi", "Mwinyi"),
        ("ministry-lands", "Esther", "Kerubo"),
        ("ministry-lands", "Paul", "Kiprop"),
        ("ntsa", "Dennis", "Mutua"),
        ("ntsa", "Janet", "Auma"),
        ("dci", "Kennedy", "Onyancha"),
        ("dci", "Ruth", "Chepkoech"),
        ("brs", "Alice", "Wairimu"),
        ("brs", "Yusuf", "Abdalla"),
        ("civil-registration", "Mary", "Nduta"),
        ("civil-registration", "George", "Owuor"),
        ("state-law-office", "Caroline", "Mumbi"),
        ("state-law-office", "Tom", "Ngeno"),
    ];
    STAFF
        .iter()
        .enumerate()
        .map(|(i, (agency, first, last))| Officer {
            agency,
            id_number: format!("{}", 69_000_100 + i * 7),
            first_name: first,
            last_name: last,
            email: format!("{}.{}@{}.example.org", ascii(first), ascii(last), agency),
            phone: format!("+2547{:08}", 90_000_000 + i * 101),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn identities_and_addresses_are_unique() {
        let people = applicants();
        assert_eq!(people.len(), CITIZENS + RESIDENTS + VISITORS);
        let ids: HashSet<_> = people.iter().map(|p| &p.id_number).collect();
        let emails: HashSet<_> = people.iter().map(|p| &p.email).collect();
        assert_eq!(ids.len(), people.len());
        assert_eq!(emails.len(), people.len());
        let officers = officers();
        let staff: HashSet<_> = officers.iter().map(|o| &o.id_number).collect();
        assert_eq!(staff.len(), officers.len());
        assert!(staff.iter().all(|id| !ids.contains(id)));
    }

    #[test]
    fn identity_numbers_keep_clear_of_the_registry_and_demo_accounts() {
        let registry: HashSet<String> = crate::seed::people::registry_people()
            .expect("registry parses")
            .into_iter()
            .map(|p| p.id_number)
            .collect();
        for p in applicants() {
            assert!(!registry.contains(&p.id_number), "{} is taken", p.id_number);
        }
    }
}
