use crate::i18n::status::StatusStrings;
use crate::model::ServiceState;

pub static SW_STATUS: StatusStrings = StatusStrings {
    title: "Hali ya huduma",
    intro: "Kama mifumo ya kila wakala inafanya kazi, kama wasimamizi wa Uraia walivyoripoti mara ya mwisho. Mifumo ya wakala ikiwa haifanyi kazi, kwa kawaida bado unaweza kutuma ombi sasa na kulipa baadaye.",
    state: |s| match s {
        ServiceState::Normal => "Inafanya kazi kawaida",
        ServiceState::Degraded => "Inasuasua au inafanya kazi kwa sehemu",
        ServiceState::Down => "Haifanyi kazi",
    },
    since: "Tangu",
    agency: "Wakala",
    notice: |s, agency| match s {
        ServiceState::Down => format!("Mifumo ya {agency} haifanyi kazi"),
        _ => format!("Mifumo ya {agency} inasuasua au inafanya kazi kwa sehemu"),
    },
    pay_later: "Bado unaweza kujaza na kutuma ombi lako sasa, na kulipa baadaye mifumo ikirudi.",
    footer_link: "Hali ya huduma",
    form_heading: "Hali ya huduma",
    form_state: "Mifumo yake",
    form_message_en: "Ujumbe (Kiingereza)",
    form_message_sw: "Ujumbe (Kiswahili)",
    form_message_hint: "Huonyeshwa kwa kila mtu kwenye ukurasa wa hali na kwenye kurasa za huduma za wakala, kabla ya mtu yeyote kulipa. Unahitajika isipokuwa mifumo yake inafanya kazi kawaida.",
    form_save: "Hifadhi hali",
    form_saved: "Hali ya huduma imehifadhiwa.",
};
