from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.utils.decorators import method_decorator

from .access import can_access_admin, is_incubator_staff
from .forms import LoginForm
from .selectors import memberships_for_user


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True
    extra_context = {"title": "Connexion"}


def dashboard(request):
    user = request.user
    return render(
        request,
        "accounts/dashboard.html",
        {
            "title": "Mon espace",
            "memberships": memberships_for_user(user),
            "is_staff_member": is_incubator_staff(user),
            "can_admin": can_access_admin(user),
        },
    )
